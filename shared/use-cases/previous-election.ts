/**
 * The previous election a definition compares with (`previousElection`), as this system
 * published it: its latest summary and its section files, read from the same bucket. Cheap on
 * a busy night: its pointer is read at most every 30 s, its summary once per seq, and each
 * section file once per seq of it, whatever the number of publishes.
 */
import type { PublicSectionFile } from '../domain/public-files.js';
import { publicPaths } from '../domain/public-paths.js';
import type { Summary } from '../domain/summary.js';
import { logger } from '../logger.js';
import type { PublicBucket } from '../storage/bucket.js';

/** How long a read pointer of the previous election is trusted (it is usually long certified). */
const POINTER_TTL_MS = 30_000;
/** The most section files kept per previous election: a city's; more are read again. */
const MAX_CACHED_SECTIONS = 5_000;

interface Known {
  readAt: number;
  summary: Summary | undefined;
  sections: Map<string, PublicSectionFile | undefined>;
}

const known = new WeakMap<PublicBucket, Map<string, Known>>();

function parsed<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

async function read(bucket: PublicBucket, electionId: string, cached: Known | undefined): Promise<Known> {
  const paths = publicPaths(electionId);
  const pointer = parsed<{ seq?: unknown }>(await bucket.get(paths.pointer));
  const seq = typeof pointer?.seq === 'number' ? pointer.seq : undefined;
  if (seq === undefined) return { readAt: Date.now(), summary: undefined, sections: new Map() };
  if (cached?.summary?.seq === seq) return { ...cached, readAt: Date.now() };
  const summary = parsed<Summary>(await bucket.get(paths.snapshot(seq)));
  if (!summary)
    logger.warn('the previous election names a snapshot that cannot be read', { electionId, seq });
  return { readAt: Date.now(), summary, sections: new Map() };
}

async function knownOf(bucket: PublicBucket, electionId: string): Promise<Known> {
  let byElection = known.get(bucket);
  if (!byElection) {
    byElection = new Map();
    known.set(bucket, byElection);
  }
  const cached = byElection.get(electionId);
  if (cached && Date.now() - cached.readAt < POINTER_TTL_MS) return cached;
  const fresh = await read(bucket, electionId, cached);
  byElection.set(electionId, fresh);
  return fresh;
}

/**
 * The previous election's latest published summary, or undefined when it has published none. A
 * failed read is logged and answers undefined, not cached: the comparison never holds back the
 * night's own results, and the next publish reads again.
 */
export async function previousSummary(
  bucket: PublicBucket,
  electionId: string,
): Promise<Summary | undefined> {
  try {
    return (await knownOf(bucket, electionId)).summary;
  } catch (error) {
    logger.warn('the previous election could not be read: published without comparison', {
      electionId,
      error,
    });
    return undefined;
  }
}

/** The previous election's file of `sectionId`, as of the summary previousSummary answers; a failed read, undefined. */
export async function previousSectionFile(
  bucket: PublicBucket,
  electionId: string,
  sectionId: string,
): Promise<PublicSectionFile | undefined> {
  let entry: Known;
  let text: string | undefined;
  try {
    entry = await knownOf(bucket, electionId);
    if (entry.sections.has(sectionId)) return entry.sections.get(sectionId);
    text = await bucket.get(publicPaths(electionId).section(sectionId));
  } catch (error) {
    logger.warn('a section of the previous election could not be read: its file goes without comparison', {
      electionId,
      sectionId,
      error,
    });
    return undefined;
  }
  const file = parsed<PublicSectionFile>(text);
  if (entry.sections.size >= MAX_CACHED_SECTIONS) entry.sections.clear();
  entry.sections.set(sectionId, file);
  return file;
}
