import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseFrontPage,
  type SiteIndexEntry,
  sameEntry,
  siteIndexEntry,
  siteIndexFile,
} from '../../shared/domain/site-index.js';
import { buildSummary } from '../../shared/domain/summary.js';
import { renderElectionList } from '../../shared/pages/front/render.js';
import { headOf, municipalDefinition, summaryContext } from './fixtures.js';

const entry = (electionId: string, overrides: Partial<SiteIndexEntry> = {}): SiteIndexEntry => ({
  electionId,
  name: `Elezioni comunali 2026 - ${electionId}`,
  municipality: { name: electionId, istatCode: '099999', population: 10_000 },
  rehearsal: false,
  status: 'provisional',
  latest: `/results/${electionId}/latest.json`,
  ...overrides,
});

const ASSETS = { resultsStyle: '/assets/results-page.0123456789ab.css' };

describe('the site’s index of published elections', () => {
  it('given a published summary, then its entry names the election, its municipality, status and pointer', () => {
    // Prepare
    const summary = buildSummary(headOf(municipalDefinition()), {}, summaryContext());

    // Act
    const listed = siteIndexEntry(summary);

    // Assess
    expect(listed).toEqual({
      electionId: 'test-2026',
      name: 'Elezioni di prova',
      municipality: { name: 'Prova', istatCode: '012345', population: 48_000 },
      rehearsal: true,
      status: 'provisional',
      latest: '/results/test-2026/latest.json',
    });
    expect(sameEntry(listed, { ...listed })).toBe(true);
    expect(sameEntry(listed, { ...listed, status: 'final' })).toBe(false);
  });

  it('given entries in any order, then the file lists each once, by municipality then name', () => {
    // Prepare
    const entries = [
      entry('b', { municipality: { name: 'Zagarolo', istatCode: '058113', population: 18_000 } }),
      entry('a', { municipality: { name: 'Àlatri', istatCode: '060003', population: 28_000 } }),
      entry('c', {
        rehearsal: true,
        municipality: { name: 'Bassiano', istatCode: '059002', population: 1_500 },
      }),
    ];

    // Act
    const file = siteIndexFile(entries);

    // Assess
    expect(file.elections.map((e) => e.electionId)).toEqual(['a', 'c', 'b']);
    expect(Object.keys(file.elections[0] ?? {}).sort()).toEqual(
      ['electionId', 'latest', 'municipality', 'name', 'rehearsal', 'status'].sort(),
    );
  });
});

describe('what the front page shows', () => {
  it('given nothing published, then nothing', () => {
    expect(chooseFrontPage([])).toEqual({ kind: 'none' });
  });

  it('given exactly one live election among rehearsals, then that election’s own page', () => {
    // Act
    const front = chooseFrontPage([
      entry('prova', { rehearsal: true }),
      entry('esempio'),
      entry('test', { rehearsal: true }),
    ]);

    // Assess
    expect(front).toEqual({ kind: 'election', electionId: 'esempio' });
  });

  it('given several live elections and a rehearsal, then a list of the live ones only', () => {
    // Act
    const front = chooseFrontPage([entry('b'), entry('prova', { rehearsal: true }), entry('a')]);

    // Assess
    expect(front).toMatchObject({ kind: 'list', rehearsal: false });
    expect(front.kind === 'list' && front.elections.map((e) => e.electionId)).toEqual(['a', 'b']);
  });

  it('given only rehearsals, then the one rehearsal, or a list of them, marked as rehearsals', () => {
    expect(chooseFrontPage([entry('r1', { rehearsal: true })])).toEqual({
      kind: 'election',
      electionId: 'r1',
    });
    expect(
      chooseFrontPage([entry('r1', { rehearsal: true }), entry('r2', { rehearsal: true })]),
    ).toMatchObject({
      kind: 'list',
      rehearsal: true,
    });
  });

  it('given any entries, then a rehearsal shows only while no election is live, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 8 }), (rehearsals) => {
        // Prepare
        const entries = rehearsals.map((rehearsal, i) => entry(`e${i}`, { rehearsal }));

        // Act
        const front = chooseFrontPage(entries);

        // Assess
        const shown =
          front.kind === 'election'
            ? entries.filter((e) => e.electionId === front.electionId)
            : front.kind === 'list'
              ? front.elections
              : [];
        const anyLive = rehearsals.includes(false);
        expect(shown.every((e) => e.rehearsal === !anyLive)).toBe(true);
        expect(shown.length).toBe(anyLive ? rehearsals.filter((r) => !r).length : rehearsals.length);
        expect(chooseFrontPage([...entries].reverse())).toEqual(front);
      }),
    );
  });
});

describe('the front page’s list of elections', () => {
  const list = {
    rehearsal: false,
    elections: [
      entry('esempio-2026', { name: 'Comunali <2026> & "ballottaggio"' }),
      entry('altro-2026', { status: 'certified' }),
    ],
  };

  it('given several live elections, when rendered in Italian, then each links to its page in both languages, with no script', () => {
    // Act
    const page = renderElectionList(list, { language: 'it', assets: ASSETS });

    // Assess
    expect(page).toContain('<html lang="it">');
    expect(page).toContain(
      '<a href="/results/esempio-2026/">Comunali &lt;2026&gt; &amp; &quot;ballottaggio&quot;</a>',
    );
    expect(page).toContain('href="/results/esempio-2026/index.en.html" hreflang="en" lang="en"');
    expect(page).toContain('<a href="/results/altro-2026/">');
    expect(page).toContain('Comune di esempio-2026');
    expect(page).toContain('Risultati ufficiali proclamati');
    expect(page).toContain('Dati ufficiosi, scrutinio in corso');
    expect(page).toContain('<a href="/index.en.html" hreflang="en" lang="en">English</a>');
    expect(page).toContain('href="/results/index.json"');
    expect(page).toContain('<link rel="stylesheet" href="/assets/results-page.0123456789ab.css">');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('election-id');
    expect(page).not.toContain('rehearsal-banner');
    expect(page).not.toContain('<2026>');
  });

  it('given the English twin, then it reads in English and links the English pages first', () => {
    // Act
    const page = renderElectionList(list, { language: 'en', assets: ASSETS });

    // Assess
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Election results</title>');
    expect(page).toContain('<a href="/results/altro-2026/index.en.html" lang="it">');
    expect(page).toContain('href="/results/altro-2026/" hreflang="it" lang="it"');
    expect(page).toContain('Official results, certified');
    expect(page).toContain('<a href="/index.html" hreflang="it" lang="it">Italiano</a>');
  });

  it('given only rehearsals, then the list carries the rehearsal banner and watermark', () => {
    // Act
    const page = renderElectionList({ ...list, rehearsal: true }, { language: 'it', assets: ASSETS });

    // Assess
    expect(page).toContain('<body class="rehearsal">');
    expect(page).toContain('PROVA — DATI DI TEST, NON SONO RISULTATI REALI');
    expect(page).toContain('<title>Risultati elettorali (PROVA)</title>');
  });
});
