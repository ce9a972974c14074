/**
 * A public log kept in memory: the files of shared/domain/log's appender under their paths, the
 * reader it reads them back through, and a signed checkpoint, for the log's tests.
 */
import { type AppendResult, appendEntries, type LogReader } from '../../shared/domain/log/append.js';
import { formatCheckpoint } from '../../shared/domain/log/checkpoint.js';
import type { Hash } from '../../shared/domain/log/rfc6962.js';
import { type SeedSigner, signerFromSeed, signNote } from '../../shared/domain/log/signed-note.js';
import { tilePath } from '../../shared/domain/log/tile-path.js';
import { EMPTY_TREE_HASH } from '../../shared/domain/log/tree-from-tiles.js';

export class MemoryLog {
  readonly files = new Map<string, Uint8Array>();
  /** Every path written more than once (a partial tile replaced, or worse: a full one). */
  readonly rewritten: string[] = [];
  size = 0;
  root: Hash = EMPTY_TREE_HASH;

  readonly reader: LogReader = {
    readTile: async (level, index, width) => this.read(tilePath({ level, index, width })),
    readEntryBundle: async (index, width) => this.read(tilePath({ level: 'entries', index, width })),
  };

  private read(path: string): Uint8Array {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`no file ${path}`);
    return bytes;
  }

  async append(entries: readonly Uint8Array[]): Promise<AppendResult> {
    const result = await appendEntries({
      size: this.size,
      entries,
      reader: this.reader,
      previousRoot: this.root,
    });
    for (const file of [...result.bundles, ...result.tiles]) {
      if (this.files.has(file.path)) this.rewritten.push(file.path);
      this.files.set(file.path, file.bytes);
    }
    this.size = result.size;
    this.root = result.root;
    return result;
  }

  /** Signs the current tree as a checkpoint and stores it under `checkpoint`. */
  async sign(signer: SeedSigner, time = '2026-05-25T21:00:00Z'): Promise<string> {
    const text = formatCheckpoint({ origin: signer.name, size: this.size, root: this.root, time });
    const note = await signNote(text, [signer]);
    this.files.set('checkpoint', new TextEncoder().encode(note));
    return note;
  }
}

/** A signer of a fixed test seed (never a deployment's key). */
export const testSigner = (name = 'example.org/log/demo-2026', seedByte = 7) =>
  signerFromSeed(name, new Uint8Array(32).fill(seedByte));

/** Entry i of a test log: distinct, of varying length. */
export const testEntry = (i: number) =>
  new TextEncoder().encode(`{"entry":${i},"pad":"${'x'.repeat(i % 17)}"}`);
