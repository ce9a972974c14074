import { describe, expect, it } from 'vitest';
import { outlookTallyOf } from '../../shared/domain/outlook-tally.js';
import type { PublicSectionFile } from '../../shared/domain/public-files.js';
import { buildSummary, type Summary } from '../../shared/domain/summary.js';
import { sumTallies, tallyOfResults, tallyOfTurnout } from '../../shared/domain/tally.js';
import { renderLiveContent, renderResultsPage } from '../../shared/pages/results/render.js';
import { matchSections } from '../../site/results-page/drill-down.js';
import { renderSectionDetail } from '../../site/results-page/section-view.js';
import {
  headOf,
  municipalDefinition,
  referendumHead,
  squareMunicipalResults,
  squareReferendumResults,
  summaryContext,
} from './fixtures.js';

const context = summaryContext();
const ASSETS = {
  resultsScript: '/assets/results-page.0123456789ab.js',
  resultsStyle: '/assets/results-page.0123456789ab.css',
};

/** The fixture election with one of its two sections counted, optionally renamed or a rehearsal. */
function municipalSummary(
  change: (definition: ReturnType<typeof municipalDefinition>) => void = () => {},
): Summary {
  const definition = municipalDefinition();
  definition.rehearsal = false;
  definition.previousElection = 'Comunali 2021';
  definition.turnoutSlots = definition.turnoutSlots.map((slot) => ({ ...slot, previousPercent: 21.5 }));
  change(definition);
  const total = sumTallies([
    tallyOfResults(squareMunicipalResults(), 1000),
    tallyOfTurnout('T1', { voters: 189 }, 1000),
  ]);
  return buildSummary(headOf(definition), total, context);
}

const liveOf = (page: string) =>
  page.slice(page.indexOf('<div id="live">') + 15, page.indexOf('</div>\n<section'));

describe('the pre-rendered results page', () => {
  it('given a summary, when rendered in Italian, then it shows the status, the sections reported, every figure and the comparison', () => {
    // Act
    const page = renderResultsPage(municipalSummary(), {
      language: 'it',
      location: 'election',
      assets: ASSETS,
    });

    // Assess
    expect(page).toContain('<html lang="it">');
    expect(page).toContain('Dati ufficiosi, scrutinio in corso');
    expect(page).toContain('Sezioni scrutinate: 1 su 2');
    expect(page).toContain('<td class="num">300</td><td class="num">54,55%</td>');
    expect(page).toContain('% Comunali 2021');
    expect(page).toContain('21,50%');
    expect(page).toContain('href="/results/test-2026/snapshots/7.csv"');
    expect(page).toContain('href="/results/test-2026/snapshots/7.json"');
    expect(page).toContain('<a href="/results/test-2026/index.en.html" hreflang="en" lang="en">English</a>');
    expect(page).not.toContain('rehearsal-banner');
  });

  it('given a summary, when rendered in English, then the words, numbers and slot times are English', () => {
    // Act
    const page = renderResultsPage(municipalSummary(), { language: 'en', location: 'root', assets: ASSETS });

    // Assess
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Unofficial results, count in progress');
    expect(page).toContain('Sections reported: 1 of 2');
    expect(page).toContain('<td class="num">300</td><td class="num">54.55%</td>');
    expect(page).toContain('Sunday 12:00');
    expect(page).toContain('<a href="/index.html" hreflang="it" lang="it">Italiano</a>');
  });

  it('given a rehearsal, when rendered in either language, then the title, a banner and the watermark say so', () => {
    // Prepare
    const summary = municipalSummary((d) => {
      d.rehearsal = true;
    });

    // Act
    const [it, en] = (['it', 'en'] as const).map((language) =>
      renderResultsPage(summary, { language, location: 'election', assets: ASSETS }),
    );

    // Assess
    expect(it).toContain('<body class="rehearsal">');
    expect(it).toContain('(PROVA)</title>');
    expect(it).toContain(
      '<p class="rehearsal-banner" role="note">PROVA — DATI DI TEST, NON SONO RISULTATI REALI</p>',
    );
    expect(en).toContain('(REHEARSAL)</title>');
    expect(en).toContain('REHEARSAL — TEST DATA, NOT REAL RESULTS');
  });

  it('given names with markup anywhere, when rendered in either language, then they are text, never markup', () => {
    // Prepare
    const markup = '<img src=x onerror=alert(1)>';
    const summary = municipalSummary((d) => {
      d.name = `Elezioni "${markup}"`;
      d.previousElection = markup;
      d.municipality.name = markup;
      d.turnoutSlots = d.turnoutSlots.map(({ at: _at, ...slot }) => ({ ...slot, label: markup }));
      d.candidates = d.candidates.map((c) => ({ ...c, name: markup }));
      d.lists = d.lists.map((l) => ({ ...l, name: markup }));
    });

    // Act
    const pages = (['it', 'en'] as const).map((language) =>
      renderResultsPage(summary, { language, location: 'election', assets: ASSETS }),
    );

    // Assess
    for (const page of pages) {
      expect(page).not.toContain('<img');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
    expect(pages[1]).toContain('<span lang="it">&lt;img');
  });

  it('given any page, when rendered, then it has no inline script or style a strict Content-Security-Policy would block', () => {
    // Act
    const page = renderResultsPage(municipalSummary(), {
      language: 'it',
      location: 'election',
      assets: ASSETS,
    });

    // Assess
    expect(page).not.toMatch(/ style=|<style|\son[a-z]+=/i);
    expect(page.match(/<script[^>]*>/g)).toEqual([
      '<script src="/assets/results-page.0123456789ab.js" defer>',
    ]);
    expect(page).toContain('<link rel="stylesheet" href="/assets/results-page.0123456789ab.css">');
  });

  it('given no site assets uploaded, when rendered, then the page is still complete, without script or stylesheet', () => {
    // Act
    const page = renderResultsPage(municipalSummary(), { language: 'it', location: 'election', assets: {} });

    // Assess
    expect(page).not.toMatch(/<script|<link rel="stylesheet"/);
    expect(page).toContain('Sezioni scrutinate: 1 su 2');
  });

  it('given a summary, when the live script re-renders it, then it writes exactly what the publisher pre-rendered', () => {
    // Prepare
    const summary = municipalSummary();

    // Act
    const page = renderResultsPage(summary, { language: 'it', location: 'election', assets: ASSETS });

    // Assess
    expect(liveOf(page)).toBe(renderLiveContent(summary, 'it'));
  });

  it('given a referendum, when rendered, then the quorum and each question’s outcome are shown', () => {
    // Prepare
    const summary = buildSummary(referendumHead(), tallyOfResults(squareReferendumResults(), 1000), context);

    // Act
    const page = renderResultsPage(summary, { language: 'it', location: 'election', assets: ASSETS });

    // Assess
    expect(page).toContain('Quorum: 50,00% degli elettori');
    expect(page).toContain('Quesiti — sezioni 1 su 1');
    expect(page).not.toContain('Candidati sindaco');
  });
});

describe('the outlook on the page', () => {
  const page = (summary: Summary, language: 'it' | 'en') =>
    renderResultsPage(summary, { language, location: 'election', assets: ASSETS });
  const withOutlook = (outlook: Summary['outlook']): Summary => ({ ...municipalSummary(), outlook });

  it('given an open outcome with an upper bound, when rendered in both languages, then it says so with the ballots left', () => {
    // Prepare: section 1 counted with its outlook source, section 2 (900 electors) without a final reading.
    const results = tallyOfResults(squareMunicipalResults(), 1000);
    const total = sumTallies([results, outlookTallyOf(results, {}, 'T3')]);
    const summary = buildSummary(headOf(municipalDefinition()), total, context);

    // Act
    const [italian, english] = [page(summary, 'it'), page(summary, 'en')];

    // Assess
    expect(summary.outlook).toMatchObject({ uncountedAtMost: 900, exact: false, mayor: { status: 'open' } });
    expect(italian).toContain('Esito ancora aperto');
    expect(italian).toContain('Restano al più 900 schede da scrutinare (limite superiore');
    expect(english).toContain('Still open');
    expect(english).toContain('At most 900 ballots are left to count (an upper bound');
  });

  it('given an elected mayor, when rendered, then the page names the winner whatever the missing sections hold', () => {
    // Prepare
    const summary = withOutlook({
      uncountedAtMost: 12345,
      exact: true,
      mayor: { status: 'elected', candidateId: 'C2', runoffCandidates: null },
      answers: [],
    });

    // Act
    const [italian, english] = [page(summary, 'it'), page(summary, 'en')];

    // Assess
    expect(italian).toContain(
      'Eletto al primo turno: <strong>Carla Onesti</strong>, qualunque sia l’esito delle sezioni mancanti.',
    );
    expect(italian).toContain('Restano al più 12.345 schede da scrutinare (numero esatto');
    expect(english).toContain('Elected at the first round: <strong>Carla Onesti</strong>');
    expect(english).toContain('At most 12,345 ballots are left to count (an exact figure');
  });

  it('given a certain run-off with its pair and nothing left, when rendered, then both names and no ballots left are shown', () => {
    // Prepare
    const summary = withOutlook({
      uncountedAtMost: 0,
      exact: true,
      mayor: { status: 'runoff', candidateId: null, runoffCandidates: ['C2', 'C1'] },
      answers: [],
    });

    // Act
    const [italian, english] = [page(summary, 'it'), page(summary, 'en')];

    // Assess
    expect(italian).toContain('Ballottaggio certo tra Carla Onesti e Giorgio Fede');
    expect(italian).toContain('Non restano schede da scrutinare.');
    expect(english).toContain('A run-off between Carla Onesti and Giorgio Fede is certain');
  });

  it('given a referendum counted past its quorum, when rendered, then each question says which answer wins', () => {
    // Prepare
    const results = tallyOfResults(squareReferendumResults(), 1000);
    const total = sumTallies([results, outlookTallyOf(results, {}, 'T1')]);
    const summary = buildSummary(referendumHead(), total, context);

    // Act
    const italian = page(summary, 'it');

    // Assess
    expect(italian).toContain('Volete il nuovo parco?: <strong>prevale il sì</strong>');
    expect(italian).not.toContain('Esito ancora aperto: le schede');
  });

  it('given a snapshot published before the outlook existed, when rendered, then the page renders without it', () => {
    // Prepare
    const { outlook: _outlook, ...older } = municipalSummary();

    // Act
    const live = renderLiveContent(older as Summary, 'it');

    // Assess
    expect(live).not.toContain('h-outlook');
    expect(live).toContain('h-turnout');
  });
});

describe('the drill-down', () => {
  const file = (overrides: Partial<PublicSectionFile>): PublicSectionFile => ({
    electionId: 'test-2026',
    rehearsal: false,
    section: { id: '1', name: 'Sezione 1', district: 'Nord', registeredVoters: 1000 },
    turnout: [{ slotId: 'T1', label: 'Domenica ore 12:00', voters: 189, percent: 18.9 }],
    status: 'reported',
    results: squareMunicipalResults(),
    version: 2,
    updatedAt: '2026-05-25T16:00:00Z',
    log: [],
    ...overrides,
  });

  it('given a reported section, when shown, then its own count is shown by name with its version', () => {
    // Act
    const html = renderSectionDetail(file({}), municipalSummary(), 'it');

    // Assess
    expect(html).toContain('<h3 id="h-section" tabindex="-1">Sezione 1</h3>');
    expect(html).toContain('Quartiere: Nord · Elettori: 1000');
    expect(html).toContain('Scrutinio inserito (versione 2)');
    expect(html).toMatch(/Voti validi<\/th><td class="num">550</);
    expect(html).toMatch(/Lista Uno<\/th><td class="num">150</);
  });

  it('given a section in review, when shown, then it says so and shows no count', () => {
    // Act
    const html = renderSectionDetail(
      file({ status: 'in-review', results: null, version: null }),
      municipalSummary(),
      'en',
    );

    // Assess
    expect(html).toContain('Count under review');
    expect(html).not.toContain('Votes for the lists');
  });

  it('given a file with values of the wrong type or markup, when shown, then they count as nothing or show as text', () => {
    // Act
    const html = renderSectionDetail(
      file({
        section: { id: '1', name: '<b>1</b>', district: '<i>Nord</i>', registeredVoters: 1000 },
        results: { voters: '<b>', candidateVotes: { C1: 'x', C2: 4 }, listVotes: null },
      }),
      municipalSummary(),
      'it',
    );

    // Assess
    expect(html).not.toMatch(/<b>|<i>/);
    expect(html).toContain('&lt;b&gt;1&lt;/b&gt;');
    expect(html).toMatch(/Votanti<\/th><td class="num">0</);
    expect(html).toMatch(/>4</);
  });

  it('given a query, when matched, then a section number wins, else districts and names match without case or accents', () => {
    // Prepare
    const sections = [
      { id: '1', name: 'Sezione 1', district: 'Città Alta', registeredVoters: 900 },
      { id: '2', name: 'Sezione 2', district: 'Città Bassa', registeredVoters: 800 },
      { id: '12', name: 'Sezione 12 - Ospedale', district: 'Colle', registeredVoters: 700 },
    ];

    // Act
    const byNumber = matchSections(sections, '12').map((s) => s.id);
    const byDistrict = matchSections(sections, 'citta').map((s) => s.id);
    const byName = matchSections(sections, 'OSPEDALE').map((s) => s.id);
    const nothing = matchSections(sections, '   ');

    // Assess
    expect(byNumber).toEqual(['12']);
    expect(byDistrict).toEqual(['1', '2']);
    expect(byName).toEqual(['12']);
    expect(nothing).toEqual([]);
  });
});
