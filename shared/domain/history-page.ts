/**
 * A page of a section's history, oldest first, merged from the records of each kind (the count's
 * versions, each turnout slot's, the staff reviews), each of which the table keeps in its own
 * order. Each kind is read from where the last page stopped, a page's worth and one more, so a
 * page costs the same however long the history grows.
 */

/** One kind's records from where the last page stopped, in the table's order (which is their time order). */
export interface HistoryStream<T> {
  name: string;
  records: readonly T[];
  /** The table holds more of this kind than `records` (its answer was cut short). */
  more: boolean;
}

export interface HistoryPage<T> {
  records: T[];
  /** Per kind, the last record this page took (the next page starts after it). */
  took: Map<string, T>;
  /** Whether a next page has anything. */
  more: boolean;
}

/**
 * The first `limit` records of all `streams` in time order (`at`, then `tieBreak` for equal
 * times). It stops short of `limit` where a stream whose read was cut short runs out, since the
 * records it has not read yet could come first; the next page goes on from there.
 */
export function mergeHistoryPage<T>(
  streams: readonly HistoryStream<T>[],
  limit: number,
  at: (record: T) => string,
  tieBreak: (record: T) => string,
): HistoryPage<T> {
  const next = streams.map(() => 0);
  const records: T[] = [];
  const took = new Map<string, T>();
  const before = (a: T, b: T) => at(a) < at(b) || (at(a) === at(b) && tieBreak(a) < tieBreak(b));
  while (records.length < limit) {
    if (streams.some((s, i) => s.more && next[i] === s.records.length)) break;
    let pick = -1;
    streams.forEach((stream, i) => {
      const head = stream.records[next[i] ?? 0];
      const best = pick >= 0 ? streams[pick]?.records[next[pick] ?? 0] : undefined;
      if (head !== undefined && (best === undefined || before(head, best))) pick = i;
    });
    const stream = streams[pick];
    const record = stream?.records[next[pick] ?? 0];
    if (!stream || record === undefined) break;
    records.push(record);
    took.set(stream.name, record);
    next[pick] = (next[pick] ?? 0) + 1;
  }
  const more = streams.some((s, i) => s.more || (next[i] ?? 0) < s.records.length);
  return { records, took, more };
}
