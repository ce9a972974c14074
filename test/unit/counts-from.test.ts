import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../shared/domain/change-list.js';
import {
  countsReleaseDue,
  countsShownAt,
  publishableChanges,
  publishableSectionCount,
  publishableTally,
  releasedCountEntries,
} from '../../shared/domain/counts-from.js';
import { buildSummary } from '../../shared/domain/summary.js';
import { summaryCsv } from '../../shared/domain/summary-csv.js';
import { sumTallies, tallyOfResults, tallyOfTurnout } from '../../shared/domain/tally.js';
import { renderResultsPage } from '../../shared/pages/results/render.js';
import { headOf, municipalDefinition, squareMunicipalResults, summaryContext } from './fixtures.js';

const CLOSE = '2026-05-25T23:00:00+02:00';
const before = new Date('2026-05-25T20:59:59.999Z');
const at = new Date('2026-05-25T21:00:00Z');

const entry = (over: Partial<ChangeEntry>): ChangeEntry => ({
  sectionId: '1',
  item: 'results',
  kind: 'added',
  version: 1,
  reason: null,
  delta: {},
  ...over,
});

/** Section 1 counted, with its T1 reading. */
const total = () =>
  sumTallies([tallyOfResults(squareMunicipalResults(), 1000), tallyOfTurnout('T1', { voters: 189 }, 1000)]);

const headClosingAt = (countsFrom: string | undefined) => {
  const definition = municipalDefinition();
  if (countsFrom) definition.countsFrom = countsFrom;
  return headOf(definition);
};

describe('when counts show', () => {
  it('given a close of the polls, when asked just before and at the instant, then counts show from the instant on', () => {
    // Act
    const shown = [countsShownAt(CLOSE, before), countsShownAt(CLOSE, at), countsShownAt(undefined, before)];

    // Assess
    expect(shown).toEqual([false, true, true]);
  });

  it('given a latest publish that withheld the counts, when the close has passed, then a publish is due; not before, nor after one that showed them', () => {
    // Act
    const due = [
      countsReleaseDue(CLOSE, { countsPublished: false }, at),
      countsReleaseDue(CLOSE, { countsPublished: false }, before),
      countsReleaseDue(CLOSE, { countsPublished: true }, at),
      countsReleaseDue(CLOSE, undefined, at),
    ];

    // Assess
    expect(due).toEqual([true, false, false, false]);
  });

  it('given a definition with a countsFrom without an offset, when validated, then it is refused', () => {
    // Arrange
    const definition = municipalDefinition();
    definition.countsFrom = '2026-05-25T23:00:00';

    // Act / Assess
    expect(() => headOf(definition)).toThrow(/countsFrom/);
  });
});

describe('what is publishable before the close', () => {
  it('given a total with a count and a reading, when withheld, then only the turnout counters are left', () => {
    // Act
    const withheld = publishableTally(total(), false);

    // Assess
    expect(Object.keys(withheld).every((key) => key.startsWith('turnout.'))).toBe(true);
    expect(withheld['turnout.T1.voters']).toBe(189);
    expect(publishableTally(total(), true)).toEqual(total());
  });

  it('given a change list, when withheld, then only the turnout entries are left', () => {
    // Arrange
    const entries = [
      entry({ item: 'turnout/T1', delta: { voters: 189 } }),
      entry({ delta: { voters: 560 } }),
      entry({ sectionId: null, item: 'totals', kind: 'repaired', delta: { voters: 1 } }),
    ];

    // Act
    const withheld = publishableChanges(entries, false);

    // Assess
    expect(withheld.map((e) => e.item)).toEqual(['turnout/T1']);
    expect(publishableChanges(entries, true)).toHaveLength(3);
  });

  it('given a section file with its count, when withheld, then it reads as not reported, with no count', () => {
    // Arrange
    const file = { status: 'reported', results: { voters: 560 }, version: 2, turnout: [1] };

    // Act
    const withheld = publishableSectionCount(file, false);

    // Assess
    expect(withheld).toEqual({ status: 'not-reported', results: null, version: null, turnout: [1] });
  });

  it('given the counts held back, when released, then each item still counted is one added entry with its whole contribution', () => {
    // Arrange: section 1 added then corrected down; section 2 added then withdrawn; a reading.
    const entries = [
      entry({ sectionId: '10', delta: { sectionsReported: 1, voters: 500, C1: 300 } }),
      entry({ sectionId: '1', delta: { sectionsReported: 1, voters: 560, C1: 300 } }),
      entry({ sectionId: '2', delta: { sectionsReported: 1, voters: 400 } }),
      entry({ sectionId: '1', kind: 'corrected', version: 2, reason: 'x', delta: { voters: -10, C1: -10 } }),
      entry({
        sectionId: '2',
        kind: 'withdrawn',
        reason: 'riaperta',
        delta: { sectionsReported: -1, voters: -400 },
      }),
      entry({ item: 'turnout/T1', delta: { voters: 189 } }),
    ];

    // Act
    const released = releasedCountEntries(entries);

    // Assess
    expect(released).toEqual([
      entry({ version: 2, delta: { sectionsReported: 1, voters: 550, C1: 290 } }),
      entry({ sectionId: '10', delta: { sectionsReported: 1, voters: 500, C1: 300 } }),
    ]);
  });
});

describe('a summary before the close', () => {
  const context = summaryContext();

  it('given a count stored, when the summary withholds counts, then it shows none of it and says when', () => {
    // Act
    const summary = buildSummary(headClosingAt(CLOSE), total(), { ...context, countsShown: false });

    // Assess
    expect(summary.countsPublished).toBe(false);
    expect(summary.countsFrom).toBe(CLOSE);
    expect(summary.sections.reported).toBe(0);
    expect(summary.totals).toEqual({ registeredVoters: 1900 });
    expect(summary.candidates.every((c) => c.votes === 0)).toBe(true);
    expect(summary.lists.every((l) => l.votes === 0)).toBe(true);
    expect(summary.seats).toBeNull();
    expect(summary.outlook.uncountedAtMost).toBe(1900);
    expect(summary.turnout[0]?.voters).toBe(189);
  });

  it('given the same total, when counts show, then the count is there', () => {
    // Act
    const summary = buildSummary(headClosingAt(CLOSE), total(), { ...context, countsShown: true });

    // Assess
    expect(summary.countsPublished).toBe(true);
    expect(summary.sections.reported).toBe(1);
    expect(summary.totals.voters).toBe(560);
  });

  it('given a withheld summary, when its CSV is written, then it has the turnout and the electors and no vote row', () => {
    // Act
    const csv = summaryCsv(buildSummary(headClosingAt(CLOSE), total(), { ...context, countsShown: false }));

    // Assess
    expect(csv).toMatch(/turnout,T1/);
    expect(csv).toMatch(/ballots,registeredVoters/);
    expect(csv).not.toMatch(/^candidate,|^list,|ballots,voters/m);
  });

  it('given a withheld summary, when its page is rendered, then both languages say when the counts appear, in the offset’s local time, and show no vote', () => {
    // Arrange
    const summary = buildSummary(headClosingAt(CLOSE), total(), { ...context, countsShown: false });
    const assets = {};

    // Act
    const it = renderResultsPage(summary, { language: 'it', location: 'election', assets });
    const en = renderResultsPage(summary, { language: 'en', location: 'election', assets });

    // Assess
    expect(it).toContain('Gli scrutini saranno pubblicati dalle 23:00 del 25 maggio.');
    expect(en).toContain('The counts will be published from 23:00 on 25 May.');
    for (const page of [it, en]) {
      for (const candidate of summary.candidates) expect(page).not.toContain(candidate.name);
      expect(page).not.toMatch(/<caption>(Candidati sindaco|Mayoral candidates)/);
    }
  });
});
