/**
 * What the publisher's pages need from the bucket: the assets they name, the snapshots they are
 * rendered from, and the writing of an election's pre-rendered page in every language.
 */
import * as z from 'zod';
import { publicPaths } from '../domain/public-files.js';
import type { Summary } from '../domain/summary.js';
import { logger } from '../logger.js';
import { LANGUAGES } from '../pages/results/messages.js';
import { type PageLocation, pageUrl, renderResultsPage } from '../pages/results/render.js';
import { ASSET_PATH, SITE_MANIFEST_KEY, type SiteAssets } from '../pages/site-assets.js';
import { renderWidgetPage, widgetUrl } from '../pages/widget/render.js';
import { CACHE, CONTENT_TYPE, type PublicBucket } from '../storage/bucket.js';

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
export async function siteAssets(bucket: PublicBucket): Promise<SiteAssets> {
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

/** A snapshot already written: every snapshot is written before its pointer is claimed. */
export async function readSnapshot(bucket: PublicBucket, electionId: string, seq: number): Promise<Summary> {
  const text = await bucket.get(publicPaths(electionId).snapshot(seq));
  if (text === undefined)
    throw new Error(`snapshot ${seq} of "${electionId}" is missing, yet its pointer was claimed`);
  return JSON.parse(text) as Summary;
}

/** The pre-rendered page in every language, at each of `locations` (its own folder, the site's root). */
export async function putPages(bucket: PublicBucket, summary: Summary, locations: readonly PageLocation[]) {
  const assets = await siteAssets(bucket);
  const page = { contentType: CONTENT_TYPE.html, cacheControl: CACHE.live };
  await Promise.all([
    ...locations.flatMap((location) =>
      LANGUAGES.map((language) =>
        bucket.put(
          pageUrl(summary.electionId, location, language).slice(1),
          renderResultsPage(summary, { language, location, assets }),
          page,
        ),
      ),
    ),
    // The widget other sites embed, beside the election's own page.
    ...(locations.includes('election')
      ? LANGUAGES.map((language) =>
          bucket.put(
            widgetUrl(summary.electionId, language).slice(1),
            renderWidgetPage(summary, { language, assets }),
            page,
          ),
        )
      : []),
  ]);
}
