import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../shared/domain/change-list.js';
import { digestOf, mainFiguresOf, recentForPage } from '../../shared/domain/published-changes.js';
import { buildSummary, type RecentChanges } from '../../shared/domain/summary.js';
import { sumTallies, tallyOfResults } from '../../shared/domain/tally.js';
import { renderChangesBox } from '../../shared/pages/results/changes.js';
import { FEED_ENTRIES, renderFeed } from '../../shared/pages/results/feed.js';
import { municipalHead, squareMunicipalResults, summaryContext } from './fixtures.js';

const head = municipalHead();
const summary = buildSummary(
  head,
  sumTallies([tallyOfResults(squareMunicipalResults(), 1000)]),
  summaryContext(),
);
const main = mainFiguresOf(head);
const changesOf = (seq: number) => `/results/test-2026/changes/${seq}.json`;

const added: ChangeEntry = {
  sectionId: '1',
  item: 'results',
  kind: 'added',
  version: 1,
  reason: null,
  delta: { sectionsReported: 1, voters: 560, validVotes: 550, C1: 300, C2: 250, L1: 150 },
};
const corrected: ChangeEntry = {
  sectionId: '2',
  item: 'results',
  kind: 'corrected',
  version: 2,
  reason: null,
  delta: { voters: -12, validVotes: -12, C1: -12, L1: -12 },
};
const reopened: ChangeEntry = {
  sectionId: '3',
  item: 'results',
  kind: 'withdrawn',
  version: 1,
  reason: 'verbale illeggibile',
  delta: { sectionsReported: -1, voters: -400, C2: -400 },
};

/** Digests of seqs 1..n, each of one added entry, with seq 5 the night's correction and reopening. */
const digests = (n: number): RecentChanges[] =>
  Array.from({ length: n }, (_, i) => i + 1).map((seq) =>
    digestOf(
      seq,
      `2026-05-25T21:${String(seq % 60).padStart(2, '0')}:00Z`,
      changesOf(seq),
      seq === 5 ? [added, corrected, reopened] : [added],
      main,
    ),
  );

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' }).parse(
    xml,
  ) as {
    feed: {
      id: string;
      title: string;
      updated: string;
      entry: { id: string; updated: string; title: string; content: { '#text': string; '@_type': string } }[];
    };
  };

describe('the Atom feed', () => {
  it('given 60 publishes, when rendered, then it is well-formed Atom with the latest 50, newest first, each id naming its seq', () => {
    // Act
    const xml = renderFeed(summary, digests(60));

    // Assess
    expect(XMLValidator.validate(xml)).toBe(true);
    const { feed } = parse(xml);
    expect(feed.entry).toHaveLength(FEED_ENTRIES);
    expect(feed.entry.map((e) => e.id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `tag:election-night,2026:test-2026:seq:${60 - i}`),
    );
    expect(feed.entry[0]?.updated).toBe('2026-05-25T21:00:00Z');
    expect(feed.updated).toBe(feed.entry[0]?.updated);
  });

  it('given a publish with a correction and a reopening, when rendered, then its text says in Italian what was added and corrected and why each figure went down', () => {
    // Act
    const { feed } = parse(renderFeed(summary, digests(5)));

    // Assess
    const text = feed.entry[0]?.content['#text'] ?? '';
    expect(feed.entry[0]?.content['@_type']).toBe('text');
    expect(text).toContain('Sezioni aggiunte (scrutinio): 1.');
    expect(text).toContain('Sezioni corrette (scrutinio): 2, 3.');
    expect(text).toContain('Sezione 1, scrutinio (aggiunto): sezioni +1, votanti +560, voti validi +550');
    expect(text).toContain(
      `Sezione 2, scrutinio (corretto): votanti −12, voti validi −12, ${summary.candidates[0]?.name} −12, ${summary.lists[0]?.name} −12.\nIn calo. Perché: corretto dalla sezione.`,
    );
    expect(text).toContain('Sezione 3, scrutinio (ritirato): sezioni −1, votanti −400');
    expect(text).toContain('riaperto dall’ufficio elettorale; motivo: «verbale illeggibile»');
    expect(text).toContain(changesOf(5));
  });

  it('given a staff reason with markup, when rendered, then the XML stays well-formed and the text is the reason itself', () => {
    // Arrange
    const nasty = digestOf(
      1,
      '2026-05-25T21:00:00Z',
      changesOf(1),
      [{ ...reopened, reason: '<b>&"x"</b>' }],
      main,
    );

    // Act
    const xml = renderFeed(summary, [nasty]);

    // Assess
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parse(xml).feed.entry[0]?.content['#text']).toContain('«<b>&"x"</b>»');
  });
});

describe('the digests and the page’s box', () => {
  it('given a publish of many entries, when digested, then those that lowered a figure are kept first and the rest counted', () => {
    // Arrange
    const many = [
      ...Array.from({ length: 40 }, (_, i) => ({ ...added, sectionId: String(i + 10) })),
      reopened,
    ];

    // Act
    const digest = digestOf(9, '2026-05-25T21:00:00Z', changesOf(9), many, main);

    // Assess
    expect(digest.entries).toHaveLength(25);
    expect(digest.entries).toContainEqual(reopened);
    expect(digest.omitted).toBe(16);
    // Lists are not main figures: only when they went down.
    expect(digest.entries[0]?.delta.L1).toBeUndefined();
    expect(digestOf(1, '', '', [corrected], main).entries[0]?.delta.L1).toBe(-12);
  });

  it('given the recent digests, when the page shows them, then the box lists the latest entries with signed figures and says why one went down', () => {
    // Arrange
    const withRecent = { ...summary, recentChanges: recentForPage(digests(6)) };

    // Act
    const html = renderChangesBox(withRecent, 'it');
    const en = renderChangesBox(withRecent, 'en');

    // Assess
    expect(withRecent.recentChanges.map((d) => d.seq)).toEqual([6, 5, 4]);
    expect(html).toContain('Ultime modifiche');
    expect(html).toContain('votanti +560');
    expect(html).toContain('sezioni −1, votanti −400');
    expect(html).toContain('riaperto dall’ufficio elettorale; motivo: «verbale illeggibile»');
    expect(html).toContain(`href="${changesOf(5)}"`);
    expect(en).toContain('reason: “verbale illeggibile”');
  });
});
