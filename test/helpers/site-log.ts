/**
 * An election's public log as a reader gets it from the site over HTTP: the checkpoint, then every
 * entry bundle and hash tile its size calls for (by the paths of C2SP tlog-tiles), by their paths
 * under the log's prefix, and the log's key line from the deployment's key file.
 */
import { TILE_WIDTH, tilePath } from '../../shared/domain/log/index.js';

async function bytesAt(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function fetchSiteLog(siteUrl: string, electionId: string) {
  const prefix = `${siteUrl}results/${electionId}/log/`;
  const files = new Map<string, Uint8Array>();
  const checkpoint = await bytesAt(`${prefix}checkpoint`);
  files.set('checkpoint', checkpoint);
  const size = Number(new TextDecoder().decode(checkpoint).split('\n')[1]);
  const wanted: string[] = [];
  for (let index = 0; index * TILE_WIDTH < size; index++)
    wanted.push(
      tilePath({ level: 'entries', index, width: Math.min(TILE_WIDTH, size - index * TILE_WIDTH) }),
    );
  for (let level = 0, span = 1; span <= size; level++, span *= TILE_WIDTH) {
    const hashes = Math.floor(size / span);
    for (let index = 0; index * TILE_WIDTH < hashes; index++)
      wanted.push(tilePath({ level, index, width: Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH) }));
  }
  for (const path of wanted) files.set(path, await bytesAt(prefix + path));
  const keys = new TextDecoder().decode(await bytesAt(`${siteUrl}results/log-key.txt`));
  const keyLine = keys.split('\n').find((line) => line.split('+')[0]?.endsWith(`/results/${electionId}/log`));
  if (!keyLine) throw new Error(`no key of ${electionId}'s log in results/log-key.txt: ${keys}`);
  return { files, size, keyLine };
}
