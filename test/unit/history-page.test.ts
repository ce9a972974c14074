import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HistoryStream, mergeHistoryPage } from '../../shared/domain/history-page.js';

interface Row {
  stream: string;
  sk: string;
  at: string;
}

const at = (r: Row) => r.at;
const tieBreak = (r: Row) => r.sk;
const inTimeOrder = (a: Row, b: Row) => (a.at < b.at || (a.at === b.at && a.sk < b.sk) ? -1 : 1);

/** Streams of records, each in its own time order (as the table keeps versions and reviews). */
const histories = fc
  .array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 25 }), { minLength: 1, maxLength: 5 })
  .map((streams) =>
    streams.map((times, s) =>
      [...times]
        .sort((a, b) => a - b)
        .map((t, i) => ({
          stream: `s${s}`,
          sk: `s${s}#${String(i).padStart(4, '0')}`,
          at: `2026-05-24T20:00:${String(t).padStart(2, '0')}Z`,
        })),
    ),
  );

describe('a page of a section’s history, merged from its kinds of records', () => {
  it('given any histories, page size and reads cut short, then the pages, one after another, are the whole history in time order', () => {
    fc.assert(
      fc.property(
        histories,
        fc.integer({ min: 1, max: 7 }),
        fc.infiniteStream(fc.integer({ min: 1, max: 10 })),
        (streams, limit, cuts) => {
          const positions = new Map<string, number>();
          const read: Row[] = [];
          for (let pages = 0; pages < 1000; pages++) {
            // Each kind read from where the last page stopped, a page and one more, sometimes cut short (1 MB).
            const input: HistoryStream<Row>[] = streams.map((rows, s) => {
              const from = positions.get(`s${s}`) ?? 0;
              const asked = rows.slice(from, from + limit + 1);
              const cut = asked.slice(0, Math.min(asked.length, cuts.next().value as number));
              return {
                name: `s${s}`,
                records: cut,
                more: cut.length < asked.length || from + asked.length < rows.length,
              };
            });
            const page = mergeHistoryPage(input, limit, at, tieBreak);
            expect(page.records.length).toBeLessThanOrEqual(limit);
            read.push(...page.records);
            for (const [name, last] of page.took)
              positions.set(name, (streams[Number(name.slice(1))] ?? []).indexOf(last) + 1);
            if (!page.more) break;
            expect(page.records.length).toBeGreaterThan(0);
          }
          expect(read).toEqual(streams.flat().sort(inTimeOrder));
        },
      ),
    );
  });

  it('given every kind read whole, then a page is the oldest `limit` records and says whether more follow', () => {
    const rows = (stream: string, times: number[]): HistoryStream<Row> => ({
      name: stream,
      records: times.map((t, i) => ({ stream, sk: `${stream}#${i}`, at: String(t).padStart(2, '0') })),
      more: false,
    });
    const page = mergeHistoryPage([rows('results', [1, 5, 9]), rows('reviews', [2, 6])], 3, at, tieBreak);
    expect(page.records.map((r) => r.sk)).toEqual(['results#0', 'reviews#0', 'results#1']);
    expect(page.took.get('results')?.sk).toBe('results#1');
    expect(page.more).toBe(true);
    const last = mergeHistoryPage([rows('results', [9]), rows('reviews', [6])], 3, at, tieBreak);
    expect([last.records.length, last.more]).toEqual([2, false]);
  });
});
