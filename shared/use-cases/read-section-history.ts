import * as z from 'zod';
import { keys } from '../db/keys.js';
import { readHistoryRecords } from '../db/section-history.js';
import { type HistoryStream, mergeHistoryPage } from '../domain/history-page.js';
import { ValidationError } from '../errors.js';
import { loadElection, loadSection } from './election-context.js';
import { parseOrThrow } from './validation.js';

/** Entries a page holds unless `limit` says fewer. */
export const HISTORY_PAGE_DEFAULT = 50;
/**
 * The most a page may hold: a version carries its body, at most 64 KiB, so 80 of them stay
 * within Lambda's 6 MB answer even uncompressed.
 */
export const HISTORY_PAGE_MAX = 80;

/** `?after=<next>&limit=<n>`: the page after the one whose answer gave `next`. */
export const HistoryPageQuerySchema = z
  .object({
    after: z.string().min(1).max(4096).optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(HISTORY_PAGE_MAX))
      .default(HISTORY_PAGE_DEFAULT),
  })
  .strict();

/** What a cursor holds: whose history, and per kind the sort key of the last record shown. */
const CursorSchema = z
  .object({
    e: z.string(),
    s: z.string(),
    after: z.record(z.string().max(40), z.string().max(300)),
  })
  .strict();

/** The kinds of a section's history, each read in its own key order: the count's, each slot's, the reviews. */
const streamsOf = (slotIds: readonly string[]) => [
  { name: 'results', prefix: keys.resultsVersionPrefix },
  ...slotIds.map((slotId) => ({ name: `turnout/${slotId}`, prefix: keys.turnoutVersionPrefix(slotId) })),
  { name: 'reviews', prefix: keys.reviewRecordPrefix },
];

const badCursor = (message: string) =>
  new ValidationError('the "after" cursor is not one this route gave', [{ path: ['after'], message }]);

/** The positions a cursor holds, checked against this section's kinds of history. */
function positionsOf(
  cursor: string | undefined,
  electionId: string,
  sectionId: string,
  streams: readonly { name: string; prefix: string }[],
): Map<string, string> {
  if (cursor === undefined) return new Map();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('send the "next" of a previous answer as it was, or no "after" to start again');
  }
  const parsed = CursorSchema.safeParse(decoded);
  if (!parsed.success || Buffer.from(cursor, 'base64url').toString('base64url') !== cursor)
    throw badCursor('send the "next" of a previous answer as it was, or no "after" to start again');
  if (parsed.data.e !== electionId || parsed.data.s !== sectionId)
    throw badCursor("this cursor pages another section's history");
  const positions = new Map<string, string>();
  for (const [name, sk] of Object.entries(parsed.data.after)) {
    const stream = streams.find((s) => s.name === name);
    if (!stream || !sk.startsWith(stream.prefix))
      throw badCursor('send the "next" of a previous answer as it was, or no "after" to start again');
    positions.set(name, sk);
  }
  return positions;
}

const SHOWN = new Set(['SubmissionVersion', 'Review']);
const timeOf = (record: Record<string, unknown>) =>
  String(record.type === 'Review' ? record.at : record.submittedAt);

/**
 * A page of the versions a section's officers stored and the staff reviews, oldest first, at
 * most `limit` (50 unless the query says, 80 at most); `next` is the `after` of the page that
 * follows, an opaque cursor, or null at the end.
 */
export async function readSectionHistory(electionId: string, sectionId: string, query?: unknown) {
  const { after, limit } = parseOrThrow(HistoryPageQuerySchema, query ?? {}, 'query');
  const election = await loadElection(electionId);
  await loadSection(election, sectionId);
  const kinds = streamsOf(election.head.turnoutSlots.map((slot) => slot.id));
  const positions = positionsOf(after, electionId, sectionId, kinds);
  // One more than a page of each: a kind with one left over has more, and no kind runs out
  // before the page is full (unless DynamoDB cut its answer short, which the merge allows for).
  const streams: HistoryStream<Record<string, unknown>>[] = await Promise.all(
    kinds.map(async ({ name, prefix }) => ({
      name,
      ...(await readHistoryRecords(electionId, sectionId, prefix, positions.get(name), limit + 1)),
    })),
  );
  const page = mergeHistoryPage(streams, limit, timeOf, (record) => String(record.SK));
  const entries: Record<string, unknown>[] = page.records
    .filter((item) => SHOWN.has(String(item.type)))
    .map(({ PK: _pk, SK: _sk, type, bodyHash: _hash, rev: _rev, ...rest }) =>
      type === 'Review' ? { entry: 'review', ...rest } : { entry: 'version', ...rest },
    );
  for (const [name, record] of page.took) positions.set(name, String(record.SK));
  const next = page.more
    ? Buffer.from(
        JSON.stringify({ e: electionId, s: sectionId, after: Object.fromEntries(positions) }),
      ).toString('base64url')
    : null;
  return { electionId, sectionId, entries, next };
}
