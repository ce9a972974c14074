import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEntries, LogHistoryMismatchError } from '../../shared/domain/log/append.js';
import { toHex } from '../../shared/domain/log/rfc6962.js';
import { parseTilePath } from '../../shared/domain/log/tile-path.js';
import { verifyLogIndependently } from '../helpers/independent-log-verifier.js';
import { MemoryLog, testEntry, testSigner } from '../helpers/memory-log.js';

/** Splits `total` entries into consecutive appends of the given (non-zero) sizes. */
async function buildLog(total: number, chunkSizes: readonly number[]): Promise<MemoryLog> {
  const log = new MemoryLog();
  let next = 0;
  for (let c = 0; next < total; c++) {
    const count = Math.min(
      total - next,
      chunkSizes.length > 0 ? (chunkSizes[c % chunkSizes.length] as number) : total,
    );
    await log.append(Array.from({ length: count }, (_, i) => testEntry(next + i)));
    next += count;
  }
  return log;
}

/** The files a tree of this size is read from: the full ones and the partial ones of that size. */
function currentFiles(log: MemoryLog): Map<string, string> {
  const size = log.size;
  const files = new Map<string, string>();
  for (const [path, bytes] of log.files) {
    const tile = parseTilePath(path);
    if (!tile) continue;
    const perTile = tile.level === 'entries' ? 1 : 256 ** tile.level;
    const width = Math.min(256, Math.floor(size / perTile) - tile.index * 256);
    if (width === tile.width) files.set(path, Buffer.from(bytes).toString('base64'));
  }
  return files;
}

describe('appending to the public log', () => {
  it('given the same entries appended in any split, then the tiles, bundles and root are the same, and no full tile is written twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1200 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        async (total, chunks) => {
          // Act
          const whole = await buildLog(total, []);
          const split = await buildLog(total, chunks);

          // Assert
          expect(toHex(split.root)).toBe(toHex(whole.root));
          expect(currentFiles(split)).toEqual(currentFiles(whole));
          const rewrittenFull = split.rewritten.filter((path) => !path.includes('.p/'));
          expect(rewrittenFull).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('given what the appender wrote, then the independent verifier finds the same root, every tile and the signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1500 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 5 }),
        async (total, chunks) => {
          // Prepare
          const log = await buildLog(total, chunks);
          const signer = testSigner();
          await log.sign(signer, '2026-05-25T21:30:00Z');

          // Act
          const verdict = verifyLogIndependently(log.files, signer.verifierKey);

          // Assert
          expect(verdict.size).toBe(total);
          expect(Buffer.from(verdict.rootBase64, 'base64').toString('hex')).toBe(toHex(log.root));
          expect(verdict.time).toBe('2026-05-25T21:30:00Z');
          expect(verdict.entries.map((entry) => Buffer.from(entry).toString())).toEqual(
            Array.from({ length: total }, (_, i) => Buffer.from(testEntry(i)).toString()),
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it('given 70,000 entries, then the log has three levels of tiles, as the specification lists them, and verifies independently', async () => {
    // Prepare
    const entries = Array.from({ length: 70_000 }, (_, i) => testEntry(i));
    const log = new MemoryLog();

    // Act
    await log.append(entries.slice(0, 65_530));
    const result = await log.append(entries.slice(65_530));
    await log.sign(testSigner());

    // Assert
    const current = [...currentFiles(log).keys()];
    expect(result.size).toBe(70_000);
    expect(
      current.filter((path) => !path.startsWith('tile/0/') && !path.startsWith('tile/entries/')),
    ).toEqual(['tile/1/000', 'tile/1/001.p/17', 'tile/2/000.p/1']);
    expect(current.filter((path) => path.startsWith('tile/0/'))).toHaveLength(274);
    expect(current).toContain('tile/0/273.p/112');
    expect(current).toContain('tile/entries/273.p/112');
    expect(result.tiles.filter((tile) => tile.immutable).map((tile) => tile.path)).toContain('tile/1/000');
    expect(verifyLogIndependently(log.files, testSigner().verifierKey).size).toBe(70_000);
  }, 120_000);

  it('given an append, then it answers each new entry a leaf hash and marks only full files immutable', async () => {
    // Prepare
    const log = await buildLog(250, []);

    // Act
    const result = await log.append(Array.from({ length: 10 }, (_, i) => testEntry(250 + i)));

    // Assert
    expect(result.leafHashes).toHaveLength(10);
    expect(result.bundles.map((file) => [file.path, file.immutable])).toEqual([
      ['tile/entries/000', true],
      ['tile/entries/001.p/4', false],
    ]);
    expect(result.tiles.map((file) => [file.path, file.immutable])).toEqual([
      ['tile/0/000', true],
      ['tile/0/001.p/4', false],
      ['tile/1/000.p/1', false],
    ]);
  });

  it('given tiles altered since the last signed root, then the append is refused', async () => {
    // Prepare
    const log = await buildLog(300, []);
    const tile = log.files.get('tile/0/001.p/44') as Uint8Array;
    tile[5] = (tile[5] as number) ^ 1;

    // Act
    const append = appendEntries({
      size: log.size,
      entries: [testEntry(300)],
      reader: log.reader,
      previousRoot: log.root,
    });

    // Assert
    await expect(append).rejects.toThrow(LogHistoryMismatchError);
  });

  it('given an entry over 65,535 bytes, then the append is refused', async () => {
    // Act
    const append = appendEntries({
      size: 0,
      entries: [new Uint8Array(65_536)],
      reader: new MemoryLog().reader,
    });

    // Assert
    await expect(append).rejects.toThrow(/65535/);
  });
});
