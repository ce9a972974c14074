import * as z from 'zod';
import { getTotal } from '../db/aggregates.js';
import { readAuditHead } from '../db/audit.js';
import { listSections } from '../db/elections.js';
import {
  claimPointer,
  claimPublication,
  claimSiteRoot,
  completePublication,
  getPublication,
} from '../db/publications.js';
import { listCurrentSubmissions } from '../db/submissions.js';
import { hashOf } from '../domain/canonical.js';
import { publicDefinitionFile, publicPaths, publicSectionFile, urlPathOf } from '../domain/public-files.js';
import { buildSummary, type Summary } from '../domain/summary.js';
import { summaryCsv } from '../domain/summary-csv.js';
import { logger } from '../logger.js';
import { LANGUAGES } from '../pages/results/messages.js';
import { type PageLocation, pageUrl, renderResultsPage } from '../pages/results/render.js';
import { ASSET_PATH, SITE_MANIFEST_KEY, type SiteAssets } from '../pages/site-assets.js';
import { CACHE, CONTENT_TYPE, type PublicBucket } from '../storage/bucket.js';
import { loadElection, loadSection } from './election-context.js';
import { inPool } from './in-pool.js';

const json = (value: unknown) => JSON.stringify(value);

/** Section files written at once: enough to keep up with a busy night, few enough for one Lambda. */
const SECTION_FILES_AT_ONCE = 16;

/** Rewrites the public files of the sections that changed. Cost grows with what changed. */
export async function publishSections(
  bucket: PublicBucket,
  electionId: string,
  sectionIds: Iterable<string>,
) {
  const election = await loadElection(electionId);
  const paths = publicPaths(electionId);
  await inPool([...sectionIds], SECTION_FILES_AT_ONCE, async (sectionId) => {
    const section = await loadSection(election, sectionId);
    const stored = await listCurrentSubmissions(electionId, sectionId);
    const file = publicSectionFile(electionId, section, election.head, stored);
    await bucket.put(paths.section(sectionId), json(file), {
      contentType: CONTENT_TYPE.json,
      cacheControl: CACHE.live,
    });
  });
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

/**
 * Publishes a new snapshot of an election's summary when its totals, state or audit head changed:
 * immutable files first, the pre-rendered pages next, the small `latest.json` pointer last.
 * Answers the sequence number published, or undefined when nothing changed.
 */
export async function publishSummary(bucket: PublicBucket, electionId: string): Promise<number | undefined> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { head, state } = await loadElection(electionId);
    const total = await getTotal(electionId);
    const audit = await readAuditHead(electionId);
    const previous = await getPublication(electionId);
    const totalRev = total?.rev ?? 0;
    const auditSeq = audit?.seq ?? 0;
    const unchanged =
      previous?.complete === true &&
      previous.totalRev === totalRev &&
      // The head alone publishes only once certified (the last entry is the certification); during
      // the night it rides along with the totals, so it does not double the snapshots.
      (state.state !== 'certified' || (previous.auditSeq ?? 0) === auditSeq) &&
      previous.state === state.state &&
      previous.definitionHash === state.definitionHash;
    if (unchanged) return undefined;

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
      totalRev,
      state: state.state,
      definitionHash: state.definitionHash,
      definitionPath,
      auditSeq,
      publishedAt: generatedAt,
      complete: false,
    });
    if (!claimed) continue;

    const summary = buildSummary(head, total?.tally ?? {}, {
      seq,
      generatedAt,
      certified: state.state === 'certified',
      audit,
      paths: {
        definition: definitionPath,
        sections: urlPathOf(paths.sectionsPrefix),
        csv: urlPathOf(paths.snapshotCsv(seq)),
      },
    });
    const snapshotKey = paths.snapshot(seq);
    await Promise.all([
      bucket.put(snapshotKey, json(summary), {
        contentType: CONTENT_TYPE.json,
        cacheControl: CACHE.immutable,
      }),
      bucket.put(paths.snapshotCsv(seq), summaryCsv(summary), {
        contentType: CONTENT_TYPE.csv,
        cacheControl: CACHE.immutable,
      }),
    ]);
    // The pointer's turn is claimed before the pages: a publish already overtaken writes neither.
    if (!(await claimPointer(electionId, seq))) return undefined;
    const ownsRoot = await claimSiteRoot(electionId, head.rehearsal);
    await putPages(bucket, summary, ownsRoot);
    // Overtaken while writing them? Then the newest claimed snapshot's pages must be written last.
    const newest = (await getPublication(electionId))?.pointerSeq ?? seq;
    if (newest > seq) {
      const newer = await bucket.get(paths.snapshot(newest));
      if (newer) await putPages(bucket, JSON.parse(newer) as Summary, ownsRoot);
      return undefined;
    }
    const pointer = {
      electionId,
      seq,
      generatedAt,
      rehearsal: head.rehearsal,
      summary: urlPathOf(snapshotKey),
    };
    await bucket.put(paths.pointer, json(pointer), {
      contentType: CONTENT_TYPE.json,
      cacheControl: CACHE.pointer,
    });
    await completePublication(electionId, seq);
    return seq;
  }
  throw new Error(`publishing "${electionId}" lost the race three times; the batch will be retried`);
}
