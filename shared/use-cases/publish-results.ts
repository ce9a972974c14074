import { readChangeEntries, readTotal } from '../db/aggregates.js';
import { readAuditHead } from '../db/audit.js';
import { listSections } from '../db/elections.js';
import {
  claimPointer,
  claimPublication,
  completePublication,
  getPublication,
  type Publication,
  putPublishedChanges,
  readPublishedChanges,
} from '../db/publications.js';
import { readLoggedVersions } from '../db/section-log.js';
import { readSiteIndex, recordSiteEntry, type SiteIndexState, sameSiteIndex } from '../db/site-index.js';
import { readCurrentSubmissions } from '../db/submissions.js';
import { hashOf } from '../domain/canonical.js';
import { type ChangeEntry, changeListFile } from '../domain/change-list.js';
import { compareSection } from '../domain/comparison.js';
import {
  countsShownAt,
  publishableChanges,
  publishableSectionCount,
  releasedCountEntries,
} from '../domain/counts-from.js';
import type { ElectionHead, Section } from '../domain/election.js';
import {
  type PublicSectionFile,
  publicDefinitionFile,
  publicPaths,
  publicSectionFile,
  urlPathOf,
} from '../domain/public-files.js';
import { digestOf, mainFiguresOf, recentForPage } from '../domain/published-changes.js';
import type { RoundFigures } from '../domain/runoff-outcome.js';
import { sectionLogRows } from '../domain/section-log.js';
import { siteIndexEntry } from '../domain/site-index.js';
import { buildSummary, type RecentChanges, type Summary } from '../domain/summary.js';
import { matchOf, previousElectionId, withComparison } from '../domain/summary-comparison.js';
import { summaryCsv } from '../domain/summary-csv.js';
import { inPool } from '../in-pool.js';
import { FEED_ENTRIES, renderFeed } from '../pages/results/feed.js';
import { AGAIN, retrying } from '../retry.js';
import { CACHE, CONTENT_TYPE, type PublicBucket } from '../storage/bucket.js';
import { loadElection, loadSections } from './election-context.js';
import { previousSectionFile, previousSummary } from './previous-election.js';
import { publishSiteIndex } from './publish-site-index.js';
import { putPages, readSnapshot } from './site-pages.js';

const json = (value: unknown) => JSON.stringify(value);

/** The publisher's clock: tests set "now" (the close of the polls depends on it). */
export type Clock = () => Date;
const systemClock: Clock = () => new Date();

/** Section files written at once: enough to keep up with a busy night, few enough for one Lambda. */
const SECTION_FILES_AT_ONCE = 32;
/** Sections whose items are read in one go (each has its results and a reading per slot). */
const SECTIONS_PER_READ = 200;

/**
 * Rewrites the public files of the sections that changed. Cost grows with what changed: their
 * items are read in batches (db/submissions.ts readCurrentSubmissions), then each file is written.
 */
export async function publishSections(
  bucket: PublicBucket,
  electionId: string,
  sectionIds: Iterable<string>,
  clock: Clock = systemClock,
) {
  const election = await loadElection(electionId);
  const countsShown = countsShownAt(election.head.countsFrom, clock());
  const paths = publicPaths(electionId);
  const slotIds = election.head.turnoutSlots.map((slot) => slot.id);
  const all = [...sectionIds];
  // The previous election compared with, when the definition names one this system published.
  const previousId = previousElectionId(election.head);
  const previous = previousId ? await previousSummary(bucket, previousId) : undefined;
  const match = previous ? matchOf(election.head, previous) : undefined;
  const ids = {
    candidates: election.head.candidates.map((c) => c.id),
    lists: election.head.lists.map((l) => l.id),
  };
  for (let start = 0; start < all.length; start += SECTIONS_PER_READ) {
    const round = all.slice(start, start + SECTIONS_PER_READ);
    const [stored, definitions, logged] = await Promise.all([
      readCurrentSubmissions(electionId, round, slotIds),
      loadSections(election, round),
      readLoggedVersions(electionId, round),
    ]);
    await inPool([...stored], SECTION_FILES_AT_ONCE, async ([sectionId, items]) => {
      const section = definitions.get(sectionId) as Section;
      const rows = (countsPublic: boolean) =>
        sectionLogRows(logged.versions.get(sectionId) ?? [], logged.logSize, countsPublic);
      const before =
        previousId && match ? await previousSectionFile(bucket, previousId, sectionId) : undefined;
      // Compared as published: before the close, a file without its count compares its turnout only.
      const compared = <F extends PublicSectionFile>(file: F) =>
        previousId && match ? { ...file, comparison: compareSection(file, before, match, ids) } : file;
      const whole = publicSectionFile(electionId, section, election.head, items, rows(true));
      const put = (file: PublicSectionFile) =>
        bucket.put(paths.section(sectionId), json(compared(file)), {
          contentType: CONTENT_TYPE.json,
          cacheControl: CACHE.live,
        });
      // Before the close, neither the count nor the bodies of the counts' logged versions (only their receipts).
      await put(publishableSectionCount({ ...whole, log: rows(countsShown) }, countsShown));
      // A file written without its count may land after the close of the polls, after the publish
      // that released every count rewrote it: once it has landed, if the instant has passed, the
      // count goes in. (If it has not, every rewrite by that publish lands after this one.)
      if (!countsShown && countsShownAt(election.head.countsFrom, clock())) await put(whole);
    });
  }
}

/** What a publish read: the figures its snapshot would show. */
interface Reading {
  totalRev: number;
  state: string;
  definitionHash: string;
  auditSeq: number;
  /** Whether counts are published at the instant of the reading (counts-from.ts). */
  countsShown: boolean;
  /** A first round's run-off, once defined. */
  runoffId: string | undefined;
}

/**
 * Whether a publication shows at least what was read: the same definition and state, and totals
 * at least as new. The audit head counts only once certified (the last entry is the
 * certification); during the night it rides along with the totals, so it does not double the
 * snapshots.
 */
function covers(publication: Publication | undefined, read: Reading): boolean {
  return (
    publication !== undefined &&
    publication.definitionHash === read.definitionHash &&
    publication.state === read.state &&
    publication.totalRev >= read.totalRev &&
    // A publication that withheld the counts does not cover a reading after the close of the polls.
    (publication.countsPublished !== false || !read.countsShown) &&
    (publication.runoffId ?? undefined) === read.runoffId &&
    (read.state !== 'certified' || (publication.auditSeq ?? 0) >= read.auditSeq)
  );
}

/** The pointer to a snapshot, from the snapshot alone: every publisher that writes it writes the same bytes. */
function pointerTo(summary: Summary) {
  return {
    electionId: summary.electionId,
    seq: summary.seq,
    generatedAt: summary.generatedAt,
    rehearsal: summary.rehearsal,
    summary: urlPathOf(publicPaths(summary.electionId).snapshot(summary.seq)),
  };
}

/**
 * Writes the pages, then the pointer, from `summary`, and again from each newer snapshot whose
 * pointer was claimed meanwhile. Publishers overlap, and an older PUT can land after a newer
 * one; but each publisher re-reads pointerSeq after its own writes, so the last write to land is
 * one from the newest claimed snapshot. Ends when no newer pointer was claimed during a round of
 * writes. The site's root gets the page too while this election is the front page, as the
 * site's index last rendered says (`site`, read again with pointerSeq). Answers the snapshot
 * written last and the site's index as read after it.
 */
async function writeNewest(
  bucket: PublicBucket,
  summary: Summary,
  site: SiteIndexState,
  digests: RecentChanges[],
): Promise<{ shown: Summary; site: SiteIndexState }> {
  const { electionId } = summary;
  for (let shown = summary, current = site, recent = digests; ; ) {
    const ownsRoot = current.renderedRev === current.rev && current.front === electionId;
    await Promise.all([
      putPages(bucket, shown, ownsRoot ? ['election', 'root'] : ['election']),
      bucket.put(publicPaths(electionId).feed, renderFeed(shown, recent), {
        contentType: CONTENT_TYPE.atom,
        cacheControl: CACHE.pointer,
      }),
    ]);
    await bucket.put(publicPaths(electionId).pointer, json(pointerTo(shown)), {
      contentType: CONTENT_TYPE.json,
      cacheControl: CACHE.pointer,
    });
    const [publication, now] = await Promise.all([getPublication(electionId), readSiteIndex()]);
    const newest = publication?.pointerSeq ?? shown.seq;
    if (newest <= shown.seq) return { shown, site: now };
    [shown, recent] = await Promise.all([
      readSnapshot(bucket, electionId, newest),
      latestDigests(electionId, newest),
    ]);
    current = now;
  }
}

/**
 * A run-off's first round, whose list votes its council is allocated from (TUEL art. 73 c. 10):
 * its head and its totals as the table holds them. The first round is closed by then; a change to
 * it shows in the run-off's summary at the run-off's next publish.
 */
async function firstRoundOf(head: ElectionHead): Promise<RoundFigures | undefined> {
  if (head.kind !== 'runoff' || head.firstRound === undefined) return undefined;
  const [first, total] = await Promise.all([loadElection(head.firstRound), readTotal(head.firstRound)]);
  return { head: first.head, total: total.tally };
}

/** Another publisher claimed the next seq with older figures: read again, a few times, then let the stream retry. */
const publishRaces = (electionId: string) => ({
  attempts: 3,
  baseMs: 25,
  maxMs: 500,
  exhausted: () =>
    new Error(`publishing "${electionId}" lost the race three times; the batch will be retried`),
});

/**
 * Publishes a new snapshot of an election's summary when its totals, state or audit head changed:
 * immutable files first, the pre-rendered pages next, the small `latest.json` pointer last.
 * Publishers may overlap (one per stream shard, and retries): see writeNewest for why the last
 * pointer and pages to land are the newest snapshot's.
 * Answers the sequence number published, or undefined when nothing changed, when another
 * publisher's snapshot covers what was read, or when a newer snapshot took the pointer.
 */
export function publishSummary(
  bucket: PublicBucket,
  electionId: string,
  clock: Clock = systemClock,
): Promise<number | undefined> {
  return retrying(publishRaces(electionId), async (): Promise<number | undefined | typeof AGAIN> => {
    // The publication first, then what it covers: the totals, state and head only grow, so the
    // snapshot claimed next is never older than it, and a later seq never shows older totals.
    const previous = await getPublication(electionId);
    const [{ head, state }, total, audit] = await Promise.all([
      loadElection(electionId),
      readTotal(electionId),
      readAuditHead(electionId),
    ]);
    const now = clock();
    const read: Reading = {
      totalRev: total.rev,
      state: state.state,
      definitionHash: state.definitionHash,
      auditSeq: audit?.seq ?? 0,
      countsShown: countsShownAt(head.countsFrom, now),
      runoffId: state.runoffId,
    };
    // An incomplete publication may have stopped half-way: it is redone.
    if (previous?.complete === true && covers(previous, read)) return undefined;

    const paths = publicPaths(electionId);
    let definitionPath = previous?.definitionPath;
    if (!definitionPath || previous?.definitionHash !== state.definitionHash) {
      const definition = publicDefinitionFile(head, await listSections(electionId));
      const key = paths.definition(hashOf(definition));
      await bucket.put(key, json(definition), {
        contentType: CONTENT_TYPE.json,
        cacheControl: CACHE.immutable,
      });
      definitionPath = urlPathOf(key);
    }

    const seq = (previous?.seq ?? 0) + 1;
    const generatedAt = now.toISOString();
    // The first publish after the close of the polls releases every count held back until then.
    const releasing = read.countsShown && previous?.countsPublished === false;
    const changes = await publicChanges(electionId, previous, total.revs, read.countsShown, releasing);
    const claimed = await claimPublication(electionId, previous?.seq ?? 0, {
      seq,
      totalRev: read.totalRev,
      state: state.state,
      definitionHash: state.definitionHash,
      definitionPath,
      auditSeq: read.auditSeq,
      runoffId: read.runoffId ?? null,
      partRevs: total.revs,
      publishedAt: generatedAt,
      complete: false,
      countsPublished: read.countsShown,
    });
    if (!claimed) {
      // The winner publishes a snapshot at least as fresh as what was read here: leave it to it,
      // so a herd of publishers woken by one change makes one snapshot. (If the winner fails, its
      // own batch is retried and finds its publication incomplete.)
      if (covers(await getPublication(electionId), read)) return undefined;
      return AGAIN;
    }

    // This publish's digest, then the latest ones (their claims came before this one's).
    const changesPath = urlPathOf(paths.changes(seq));
    await putPublishedChanges(
      electionId,
      digestOf(seq, generatedAt, changesPath, changes, mainFiguresOf(head)),
    );
    const digests = await latestDigests(electionId, seq);
    const previousId = previousElectionId(head);
    const built = buildSummary(head, total.tally, {
      firstRound: await firstRoundOf(head),
      runoffId: read.runoffId,
      seq,
      generatedAt,
      countsShown: read.countsShown,
      recentChanges: recentForPage(digests),
      certified: state.state === 'certified',
      audit,
      changes: changesPath,
      paths: {
        definition: definitionPath,
        sections: urlPathOf(paths.sectionsPrefix),
        csv: urlPathOf(paths.snapshotCsv(seq)),
      },
    });
    const summary = previousId
      ? withComparison(built, head, await previousSummary(bucket, previousId))
      : built;
    await Promise.all([
      bucket.put(paths.changes(seq), json(changeListFile(electionId, seq, generatedAt, changes)), {
        contentType: CONTENT_TYPE.json,
        cacheControl: CACHE.immutable,
      }),
      // At the close of the polls every section's file gets its count.
      releasing
        ? publishSections(
            bucket,
            electionId,
            (await listSections(electionId)).map((s) => s.id),
            clock,
          )
        : undefined,
      bucket.put(paths.snapshot(seq), json(summary), {
        contentType: CONTENT_TYPE.json,
        cacheControl: CACHE.immutable,
      }),
      bucket.put(paths.snapshotCsv(seq), summaryCsv(summary), {
        contentType: CONTENT_TYPE.csv,
        cacheControl: CACHE.immutable,
      }),
    ]);
    // The pointer's turn is claimed before the pages: a publish already overtaken writes neither.
    // (The site's index is read alongside: whether this election's page is also the front page.)
    const [pointerClaimed, site] = await Promise.all([claimPointer(electionId, seq), readSiteIndex()]);
    if (!pointerClaimed) return undefined;
    // The site's index lists this snapshot's entry, unless a later one's is already there.
    const [written, listed] = await Promise.all([
      writeNewest(bucket, summary, site, digests),
      recordSiteEntry(siteIndexEntry(summary), seq),
    ]);
    // The index and the front page are rendered again when an entry changed, a rendering is
    // owed (a publisher stopped between the change and its rendering), or the index moved while
    // this publish wrote the front page, or would have had to.
    const after = written.site;
    if (listed || after.renderedRev < after.rev || !sameSiteIndex(site, after))
      await publishSiteIndex(bucket);
    // Written whole, the newest snapshot's publication is complete, whoever wrote it last.
    await completePublication(electionId, written.shown.seq);
    return written.shown.seq === seq ? seq : undefined;
  });
}

/**
 * What a publish's change list says: exactly what the parts took in between the previous
 * publication's reading and this one, less the counts before the close of the polls; and at the
 * first publish after it, every count held back, as added (counts-from.ts).
 */
async function publicChanges(
  electionId: string,
  previous: Publication | undefined,
  revs: Record<string, number>,
  countsShown: boolean,
  releasing: boolean,
): Promise<ChangeEntry[]> {
  const since = await readChangeEntries(electionId, previous?.partRevs ?? {}, revs);
  if (!releasing) return publishableChanges(since, countsShown);
  const all = await readChangeEntries(electionId, {}, revs);
  return [...publishableChanges(since, false), ...releasedCountEntries(all)];
}

/** How long a publish waits for an earlier seq's digest still being written: a few short looks. */
const DIGEST_LOOKS = 4;
const DIGEST_WAIT_MS = 50;

/**
 * The digests of the latest FEED_ENTRIES publishes up to `seq`. Each claimer writes its own right
 * after its claim, so one missing is a publish between the two (it is waited for briefly) or one
 * that failed there (it stays missing, as its snapshot does).
 */
async function latestDigests(electionId: string, seq: number): Promise<RecentChanges[]> {
  const expected = Math.min(seq, FEED_ENTRIES);
  let digests = await readPublishedChanges(electionId, seq, FEED_ENTRIES);
  for (let look = 1; look < DIGEST_LOOKS && digests.length < expected; look++) {
    await new Promise((resolve) => setTimeout(resolve, DIGEST_WAIT_MS * look));
    digests = await readPublishedChanges(electionId, seq, FEED_ENTRIES);
  }
  return digests;
}
