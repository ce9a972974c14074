/**
 * The files one deployment's elections share: `/results/index.json`, every published election,
 * and the site's front page `/` (index.html and its English twin), which is the one live
 * election's own page, or a list when several are live (domain/site-index.ts chooses).
 *
 * Publishers of different elections race. Each change of an entry grows the index's rev in the
 * same transaction (db/site-index.ts); whoever renders reads the rev, then the entries, writes
 * the files, and reads the rev again, rendering once more if it moved: so the last write of each
 * file to land is one rendered after the last change, and the index never loses an election.
 * When the front page is one election's page, that election's publisher also writes it on
 * every publish (publish-results.ts), and the rendering here follows its pointer the same way.
 */
import { getPublication } from '../db/publications.js';
import { listSiteEntries, markSiteRendered, readSiteIndex } from '../db/site-index.js';
import { chooseFrontPage, type FrontPage, frontElectionId, siteIndexFile } from '../domain/site-index.js';
import { renderElectionList, SITE_INDEX_PATH } from '../pages/front/render.js';
import { LANGUAGES } from '../pages/results/messages.js';
import { pageUrl } from '../pages/results/render.js';
import { CACHE, CONTENT_TYPE, type PublicBucket } from '../storage/bucket.js';
import { putPages, readSnapshot, siteAssets } from './site-pages.js';

/** The seq the front election's pointer names, if the front page is an election's page. */
async function frontSeq(front: FrontPage): Promise<number | undefined> {
  const electionId = frontElectionId(front);
  return electionId === null ? undefined : (await getPublication(electionId))?.pointerSeq;
}

/** The front page as chosen; answers the seq of the election page it wrote, if it wrote one. */
async function putFrontPage(bucket: PublicBucket, front: FrontPage): Promise<number | undefined> {
  if (front.kind === 'none') return undefined;
  if (front.kind === 'election') {
    const seq = await frontSeq(front);
    if (seq === undefined) return undefined;
    await putPages(bucket, await readSnapshot(bucket, front.electionId, seq), ['root']);
    return seq;
  }
  const assets = await siteAssets(bucket);
  await Promise.all(
    LANGUAGES.map((language) =>
      bucket.put(pageUrl('', 'root', language).slice(1), renderElectionList(front, { language, assets }), {
        contentType: CONTENT_TYPE.html,
        cacheControl: CACHE.live,
      }),
    ),
  );
  return undefined;
}

/**
 * Renders the index and the front page from the entries, again while an entry changed or the
 * front election's pointer moved during a round of writes.
 */
export async function publishSiteIndex(bucket: PublicBucket): Promise<void> {
  for (let index = await readSiteIndex(); ; ) {
    const entries = await listSiteEntries();
    const front = chooseFrontPage(entries);
    const [, shownSeq] = await Promise.all([
      bucket.put(SITE_INDEX_PATH.slice(1), JSON.stringify(siteIndexFile(entries)), {
        contentType: CONTENT_TYPE.json,
        cacheControl: CACHE.pointer,
      }),
      putFrontPage(bucket, front),
    ]);
    await markSiteRendered(index.rev, frontElectionId(front));
    const [after, seqAfter] = await Promise.all([readSiteIndex(), frontSeq(front)]);
    if (after.rev === index.rev && seqAfter === shownSeq) return;
    index = after;
  }
}
