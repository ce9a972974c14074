/**
 * Where the tiles and entry bundles of a C2SP tlog-tiles log live, relative to the log's prefix
 * (docs/interface.md, The public log): `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`,
 * the index N written as 3-digit groups, every group but the last prefixed with `x`
 * (1234067 is `x001/x234/067`), so a file system or a bucket never holds a file and a folder of
 * the same name. Browser-safe.
 */

/** Tiles are 2^8 = 256 hashes wide (tile height 8, as C2SP tlog-tiles fixes it). */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/** The tree levels a tile level spans: level L holds hashes of subtrees of 256^L leaves. */
export const MAX_TILE_LEVEL = 63;

/** Which tile (or, with level "entries", which entry bundle) and how many hashes it holds. */
export interface TileAddress {
  level: number | 'entries';
  index: number;
  /** 1 to 256; 256 is a full tile, anything less a partial one. */
  width: number;
}

export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`not a tile index: ${index}`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

export function tilePath({ level, index, width }: TileAddress): string {
  if (level !== 'entries' && !(Number.isInteger(level) && level >= 0 && level <= MAX_TILE_LEVEL))
    throw new Error(`not a tile level: ${level}`);
  if (!(Number.isInteger(width) && width >= 1 && width <= TILE_WIDTH))
    throw new Error(`not a tile width: ${width}`);
  const partial = width < TILE_WIDTH ? `.p/${width}` : '';
  return `tile/${level}/${encodeTileIndex(index)}${partial}`;
}

export const entryBundlePath = (index: number, width: number) => tilePath({ level: 'entries', index, width });

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The tile a path names, or undefined when the path is not one the layout can produce. */
export function parseTilePath(path: string): TileAddress | undefined {
  const match = /^tile\/([^/]+)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([^/]+))?$/.exec(path);
  if (!match) return undefined;
  const [, levelText = '', indexText = '', widthText] = match;
  let level: number | 'entries';
  if (levelText === 'entries') level = 'entries';
  else if (DECIMAL.test(levelText) && Number(levelText) <= MAX_TILE_LEVEL) level = Number(levelText);
  else return undefined;
  const index = Number(indexText.replaceAll('x', '').replaceAll('/', ''));
  if (!Number.isSafeInteger(index)) return undefined;
  let width = TILE_WIDTH;
  if (widthText !== undefined) {
    if (!DECIMAL.test(widthText)) return undefined;
    width = Number(widthText);
    if (width < 1 || width >= TILE_WIDTH) return undefined;
  }
  const address: TileAddress = { level, index, width };
  // One spelling per tile: "x000/001" is not the index 1.
  return tilePath(address) === path ? address : undefined;
}

/**
 * How many hashes the tile at this level and index holds in a tree of `size` leaves: 256 when
 * it is full, its partial width, or 0 when the tree has no such tile yet. Level "entries" counts
 * as level 0 (one entry per leaf hash).
 */
export function tileWidthAt(size: number, level: number | 'entries', index: number): number {
  const hashesAtLevel = Math.floor(size / TILE_WIDTH ** (level === 'entries' ? 0 : level));
  const before = index * TILE_WIDTH;
  return Math.max(0, Math.min(TILE_WIDTH, hashesAtLevel - before));
}
