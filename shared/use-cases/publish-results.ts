import * as z from 'zod';
import { readChangeEntries, readTotal } from '../db/aggregates.js';
import { readAuditHead } from '../db/audit.js';
import { listSections } from '../db/elections.js';
import {
  claimPointer,
  claimPublication,
  claimSiteRoot,
  completePublication,
  getPublication,
  type Publication,
} from '../db/publications.js';
import { readCurrentSubmissions } from '../db/submissions.js';
import { hashOf } from '../domain/canonical.js';
import { changeListFile } from '../domain/change-list.js';
import type { Section } from '../domain/election.js';
import { publicDefinitionFile, publicPaths, publicSectionFile, urlPathOf } from '../domain/public-files.js';
import { buildSummary, type Summary } from '../domain/summary.js';
import { summaryCsv } from '../domain/summary-csv.js';
import { logger } from '../logger.js';
import { LANGUAGES } from '../pages/results/messages.js';
import { type PageLocation, pageUrl, renderResultsPage } from '../pages/results/render.js';
import { ASSET_PATH, SITE_MANIFEST_KEY, type SiteAssets } from '../pages/site-assets.js';
import { AGAIN, retrying } from '../retry.js';
import { CACHE, CONTENT_TYPE, type PublicBucket } from '../storage/bucket.js';
import { loadElection, loadSections } from './election-context.js';
import { inPool } from './in-pool.js';

const json = (value: unknown) => JSON.stringify(value);

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
) {
  const election = await loadElection(electionId);
  const paths = publicPaths(electionId);
  const slotIds = election.head.turnoutSlots.map((slot) => slot.id);
  const all = [...sectionIds];
  for (let start = 0; start < all.length; start += SECTIONS_PER_READ) {
    const round = all.slice(start, start + SECTIONS_PER_READ);
    const [stored, definitions] = await Promise.all([
      readCurrentSubmissions(electionId, round, slotIds),
      loadSections(election, round),
    ]);
    await inPool([...stored], SECTION_FILES_AT_ONCE, async ([sectionId, items]) => {
      const section = definitions.get(sectionId) as Section;
      const file = publicSectionFile(electionId, section, election.head, items);
      await bucket.put(paths.section(sectionId), json(file), {
        contentType: CONTENT_TYPE.json,
        cacheControl: CACHE.live,
      });
    });
  }
}

const SiteAssetsSchema = z.object({
  resultsScript: z.string().regex(ASSET_PATH),
  resultsStyle: z.string().regex(ASSET_PATH),
});

/** How long a read manifest is trusted: a deployment's new assets reach the pages within a minute. */
const MANIFEST_TTL_MS = 60_000;
const manifests = new WeakMap<PublicBucket, { assets: SiteAssets; readAt: number }>();

/**
 * The assets the pages name, from the manifest the site upload writes last; read at most once a
 * minute per bucket, not on every publish. Without one the results still go out, as complete
 * pages without script and style, and the log says why (and the next publish looks again).
 */
async function siteAssets(bucket: PublicBucket): Promise<SiteAssets> {
  const cached = manifests.get(bucket);
  if (cached && Date.now() - cached.readAt < MANIFEST_TTL_MS) return cached.assets;
  const text = await bucket.get(SITE_MANIFEST_KEY);
  let manifest: unknown;
  try {
    manifest = text === undefined ? undefined : JSON.parse(text);
  } catch {
    manifest = undefined;
  }
  const parsed = SiteAssetsSchema.safeParse(manifest);
  if (parsed.success) {
    manifests.set(bucket, { assets: parsed.data, readAt: Date.now() });
    return parsed.data;
  }
  logger.error(
    'site assets manifest missing or invalid: pages go out without script and style; run `npm run upload-site`',
    {
      key: SITE_MANIFEST_KEY,
    },
  );
  return {};
}

/** The pre-rendered page in every language, at the election's path and, when it owns it, the site root. */
async function putPages(bucket: PublicBucket, summary: Summary, ownsRoot: boolean) {
  const assets = await siteAssets(bucket);
  const locations: PageLocation[] = ownsRoot ? ['election', 'root'] : ['election'];
  await Promise.all(
    locations.flatMap((location) =>
      LANGUAGES.map((language) =>
        bucket.put(
          pageUrl(summary.electionId, location, language).slice(1),
          renderResultsPage(summary, { language, location, assets }),
          { contentType: CONTENT_TYPE.html, cacheControl: CACHE.live },
        ),
      ),
    ),
  );
}

/** What a publish read: the figures its snapshot would show. */
interface Reading {
  totalRev: number;
  state: string;
  definitionHash: string;
  auditSeq: number;
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

/** A snapshot already written: every snapshot is written before its pointer is claimed. */
async function readSnapshot(bucket: PublicBucket, electionId: string, seq: number): Promise<Summary> {
  const text = await bucket.get(publicPaths(electionId).snapshot(seq));
  if (text === undefined)
    throw new Error(`snapshot ${seq} of "${electionId}" is missing, yet its pointer was claimed`);
  return JSON.parse(text) as Summary;
}

/**
 * Writes the pages, then the pointer, from `summary`, and again from each newer snapshot whose
 * pointer was claimed meanwhile. Publishers overlap, and an older PUT can land after a newer
 * one; but each publisher re-reads pointerSeq after its own writes, so the last write to land is
 * one from the newest claimed snapshot. Ends when no newer pointer was claimed during a round of
 * writes. Answers the seq written last.
 */
async function writeNewest(bucket: PublicBucket, summary: Summary, ownsRoot: boolean): Promise<number> {
  const { electionId } = summary;
  for (let shown = summary; ; ) {
    await putPages(bucket, shown, ownsRoot);
    await bucket.put(publicPaths(electionId).pointer, json(pointerTo(shown)), {
      contentType: CONTENT_TYPE.json,
      cacheControl: CACHE.pointer,
    });
    const newest = (await getPublication(electionId))?.pointerSeq ?? shown.seq;
    if (newest <= shown.seq) return shown.seq;
    shown = await readSnapshot(bucket, electionId, newest);
  }
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
export function publishSummary(bucket: PublicBucket, electionId: string): Promise<number | undefined> {
  return retrying(publishRaces(electionId), async (): Promise<number | undefined | typeof AGAIN> => {
    // The publication first, then what it covers: the totals, state and head only grow, so the
    // snapshot claimed next is never older than it, and a later seq never shows older totals.
    const previous = await getPublication(electionId);
    const [{ head, state }, total, audit] = await Promise.all([
      loadElection(electionId),
      readTotal(electionId),
      readAuditHead(electionId),
    ]);
    const read: Reading = {
      totalRev: total.rev,
      state: state.state,
      definitionHash: state.definitionHash,
      auditSeq: audit?.seq ?? 0,
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
    const generatedAt = new Date().toISOString();
    const claimed = await claimPublication(electionId, previous?.seq ?? 0, {
      seq,
      totalRev: read.totalRev,
      state: state.state,
      definitionHash: state.definitionHash,
      definitionPath,
      auditSeq: read.auditSeq,
      partRevs: total.revs,
      publishedAt: generatedAt,
      complete: false,
    });
    if (!claimed) {
      // The winner publishes a snapshot at least as fresh as what was read here: leave it to it,
      // so a herd of publishers woken by one change makes one snapshot. (If the winner fails, its
      // own batch is retried and finds its publication incomplete.)
      if (covers(await getPublication(electionId), read)) return undefined;
      return AGAIN;
    }

    const summary = buildSummary(head, total.tally, {
      seq,
      generatedAt,
      certified: state.state === 'certified',
      audit,
      changes: urlPathOf(paths.changes(seq)),
      paths: {
        definition: definitionPath,
        sections: urlPathOf(paths.sectionsPrefix),
        csv: urlPathOf(paths.snapshotCsv(seq)),
      },
    });
    // Exactly what the parts took in between the previous publication's reading and this one.
    const putChanges = async () => {
      const changes = await readChangeEntries(electionId, previous?.partRevs ?? {}, total.revs);
      await bucket.put(paths.changes(seq), json(changeListFile(electionId, seq, generatedAt, changes)), {
        contentType: CONTENT_TYPE.json,
        cacheControl: CACHE.immutable,
      });
    };
    await Promise.all([
      putChanges(),
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
    // (The root is claimed alongside: a claim left by an overtaken publish is the same election's.)
    const [pointerClaimed, ownsRoot] = await Promise.all([
      claimPointer(electionId, seq),
      claimSiteRoot(electionId, head.rehearsal),
    ]);
    if (!pointerClaimed) return undefined;
    const shown = await writeNewest(bucket, summary, ownsRoot);
    // Written whole, the newest snapshot's publication is complete, whoever wrote it last.
    await completePublication(electionId, shown);
    return shown === seq ? seq : undefined;
  });
}
