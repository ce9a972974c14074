/**
 * The public log's files in the public bucket (docs/interface.md, The public log): tiles and entry
 * bundles are bytes, cached for good (a partial tile has its own name, `N.p/W`, so no file under
 * a name ever changes); the checkpoint and the key file are text, cached like the pointer.
 */
import { config } from '../config.js';
import { CACHE, CONTENT_TYPE } from './bucket.js';
import { getObjectIfAny, putObject, s3 } from './s3-bucket.js';

export interface LogFiles {
  putTile(key: string, bytes: Uint8Array): Promise<void>;
  putText(key: string, text: string): Promise<void>;
  /** A file's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
}

export function s3LogFiles(bucketName = config().BUCKET_NAME): LogFiles {
  const put = (key: string, body: Uint8Array | string, contentType: string, cacheControl: string) =>
    putObject(s3(), bucketName, key, body, { contentType, cacheControl });
  return {
    putTile: (key, bytes) => put(key, bytes, CONTENT_TYPE.binary, CACHE.immutable),
    putText: (key, text) => put(key, text, CONTENT_TYPE.text, CACHE.pointer),
    async get(key) {
      return (await getObjectIfAny(s3(), bucketName, key))?.Body?.transformToByteArray();
    },
  };
}
