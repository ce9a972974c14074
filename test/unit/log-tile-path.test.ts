import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  MalformedEntryBundleError,
} from '../../shared/domain/log/entry-bundle.js';
import {
  encodeTileIndex,
  entryBundlePath,
  parseTilePath,
  tilePath,
  tileWidthAt,
} from '../../shared/domain/log/tile-path.js';

describe('the tile layout of C2SP tlog-tiles', () => {
  it('given the index 1234067, then it is written x001/x234/067, as the specification shows', () => {
    // Act
    const text = encodeTileIndex(1234067);

    // Assert
    expect(text).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
  });

  it("given Go's sumdb/tlog path examples without their height, then the paths and the parsed tiles match", () => {
    // Prepare: Go's TestTilePath cases (tile/<H>/<L>/<N>), whose height C2SP fixes at 8
    const cases = [
      { path: 'tile/0/001', tile: { level: 0, index: 1, width: 256 } },
      { path: 'tile/0/001.p/5', tile: { level: 0, index: 1, width: 5 } },
      { path: 'tile/5/x123/x456/078', tile: { level: 5, index: 123456078, width: 256 } },
      { path: 'tile/5/x123/x456/078.p/2', tile: { level: 5, index: 123456078, width: 2 } },
      { path: 'tile/entries/x003/x057/500', tile: { level: 'entries', index: 3057500, width: 256 } },
    ] as const;

    for (const { path, tile } of cases) {
      // Act
      const parsed = parseTilePath(path);

      // Assert
      expect(parsed).toEqual(tile);
      expect(tilePath(tile)).toBe(path);
    }
  });

  it('given paths the layout cannot produce, then none parses', () => {
    // Prepare
    const bad = [
      'tile/5/123/456/078',
      'tile/-1/123',
      'tile/data/x003/x057/500',
      'tile/0/x000/001',
      'tile/0/1',
      'tile/0/001.p/256',
      'tile/0/001.p/0',
      'tile/0/001.p/05',
      'tile/64/000',
      'tile/01/000',
      'tile/0/001/',
    ];

    // Act
    const parsed = bad.map(parseTilePath);

    // Assert
    expect(parsed).toEqual(bad.map(() => undefined));
  });

  it('given any index, level and width, when the path is written and parsed, then the same tile comes back', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 63 }), fc.constant('entries' as const)),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          // Act
          const parsed = parseTilePath(tilePath({ level, index, width }));

          // Assert
          expect(parsed).toEqual({ level, index, width });
        },
      ),
    );
  });

  it('given a tree of 70,000 leaves, then its tiles are the ones the specification lists', () => {
    // Prepare
    const size = 70_000;

    // Act
    const level0 = Array.from({ length: 274 }, (_, index) => tileWidthAt(size, 0, index));
    const level1 = [tileWidthAt(size, 1, 0), tileWidthAt(size, 1, 1), tileWidthAt(size, 1, 2)];
    const level2 = [tileWidthAt(size, 2, 0), tileWidthAt(size, 2, 1)];

    // Assert: 273 full level-0 tiles, a partial one of 112; a full level-1 tile, a partial of 17;
    // a partial level-2 tile of 1
    expect(level0.slice(0, 273).every((width) => width === 256)).toBe(true);
    expect(level0[273]).toBe(112);
    expect(tileWidthAt(size, 0, 274)).toBe(0);
    expect(level1).toEqual([256, 17, 0]);
    expect(level2).toEqual([1, 0]);
    expect(tileWidthAt(size, 3, 0)).toBe(0);
    expect(tileWidthAt(256, 0, 0)).toBe(256);
    expect(tileWidthAt(256, 1, 0)).toBe(1);
    expect(entryBundlePath(273, tileWidthAt(size, 'entries', 273))).toBe('tile/entries/273.p/112');
  });
});

describe('entry bundles', () => {
  it('given entries, then each is prefixed with its big-endian 16-bit length, and they decode back', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 256 }), (entries) => {
        // Act
        const bytes = encodeEntryBundle(entries);
        const decoded = decodeEntryBundle(bytes);

        // Assert
        expect(bytes.length).toBe(entries.reduce((sum, entry) => sum + 2 + entry.length, 0));
        expect(decoded).toEqual(entries);
      }),
    );
    expect([...encodeEntryBundle([Uint8Array.of(7, 8, 9)])]).toEqual([0, 3, 7, 8, 9]);
  });

  it('given a bundle cut short, or an entry over 65,535 bytes, then it is refused', () => {
    // Prepare
    const bundle = encodeEntryBundle([new Uint8Array(300), Uint8Array.of(1, 2)]);

    // Act / Assert
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(MalformedEntryBundleError);
    expect(() => decodeEntryBundle(bundle.subarray(0, 1))).toThrow(MalformedEntryBundleError);
    expect(() => encodeEntryBundle([new Uint8Array(65_536)])).toThrow(/65535/);
    expect(decodeEntryBundle(encodeEntryBundle([new Uint8Array(65_535)]))[0]?.length).toBe(65_535);
  });
});
