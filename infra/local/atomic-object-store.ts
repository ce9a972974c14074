import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** s3rver's store, whose files this one writes in place of it (s3rver 3.7.1, lib/stores/filesystem.js). */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  getObject(bucket: string, key: string, options?: unknown): Promise<unknown>;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
  deleteObject(bucket: string, key: string): Promise<void>;
}
type FilesystemStoreClass = new (rootDirectory: string) => FilesystemStore;

interface PutRequest {
  bucket: string;
  key: string;
  metadata: Record<string, string>;
  content: Buffer | Readable;
}

const require = createRequire(import.meta.url);
const FilesystemStore = require('s3rver/lib/stores/filesystem') as FilesystemStoreClass;
/** The metadata s3rver keeps with an object. */
const { ALLOWED_METADATA } = require('s3rver/lib/models/object') as { ALLOWED_METADATA: string[] };

/** Writes `text` whole at `path`, or not at all: a reader sees the old file or the new one. */
async function replaceFile(path: string, text: string | Buffer) {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

/**
 * s3rver's filesystem store with S3's atomic PUT: s3rver writes an object's file in place and its
 * metadata after it, so a GET during a PUT could answer half a file (a section file that did not
 * parse, on a busy night). Here an object's new bytes are written aside and renamed over the old,
 * and each key's reads (metadata, then the open file) and writes take turns, so a reader gets the
 * whole old object or the whole new one, as on S3.
 */
export class AtomicObjectStore extends FilesystemStore {
  private readonly turns = new Map<string, Promise<unknown>>();

  /** Runs `work` after the key's earlier reads and writes have finished. */
  private inTurn<T>(bucket: string, key: string, work: () => Promise<T>): Promise<T> {
    const id = `${bucket}/${key}`;
    const previous = this.turns.get(id) ?? Promise.resolve();
    const mine = previous.then(work, work);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(id, settled);
    void settled.then(() => {
      if (this.turns.get(id) === settled) this.turns.delete(id);
    });
    return mine;
  }

  override getObject(bucket: string, key: string, options?: unknown) {
    // The file is opened within the turn; an open file keeps its bytes when a PUT renames over it.
    return this.inTurn(bucket, key, () => super.getObject(bucket, key, options));
  }

  async putObject(object: PutRequest) {
    return this.inTurn(object.bucket, object.key, async () => {
      const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
      await mkdir(dirname(objectPath), { recursive: true });
      const temporary = `${objectPath}.${randomUUID()}.tmp`;
      const md5 = createHash('md5');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          md5.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      const content = Buffer.isBuffer(object.content) ? [object.content] : object.content;
      try {
        await pipeline(content, measure, createWriteStream(temporary));
        await rename(temporary, objectPath);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
      const digest = md5.digest('hex');
      await this.putMetadata(object.bucket, object.key, object.metadata, digest);
      return { size, md5: digest };
    });
  }

  override async putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string) {
    const kept = Object.fromEntries(
      Object.entries(metadata).filter(
        ([name]) => ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-'),
      ),
    );
    if (md5) await replaceFile(this.getResourcePath(bucket, key, 'object.md5'), md5);
    await replaceFile(this.getResourcePath(bucket, key, 'metadata.json'), JSON.stringify(kept, null, 2));
  }

  /** Deletes within the key's turn, and leaves its folders: removing one could race another key's PUT. */
  override deleteObject(bucket: string, key: string) {
    return this.inTurn(bucket, key, async () => {
      for (const resource of ['object', 'object.md5', 'metadata.json'])
        await unlink(this.getResourcePath(bucket, key, resource)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
    });
  }
}
