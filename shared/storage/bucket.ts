/** The public bucket, as the publisher sees it: objects with a content type and a cache policy. */
export interface PublicBucket {
  put(key: string, body: string, options: { contentType: string; cacheControl: string }): Promise<void>;
  /** An object's text, or undefined when there is none (for reconciliation). */
  get(key: string): Promise<string | undefined>;
  /** Answers whether the bucket can be reached (for the health check). */
  isReachable(): Promise<boolean>;
}

/** Cache policies (docs/interface.md, Published files): the pointer is short-lived; snapshots and content-hashed assets never change. */
export const CACHE = {
  pointer: 'public, max-age=5, s-maxage=10, stale-while-revalidate=30, stale-if-error=600',
  immutable: 'public, max-age=31536000, immutable',
  /** Per-section files and pre-rendered pages: rewritten in place, so kept as short as the pointer. */
  live: 'public, max-age=5, s-maxage=10, stale-while-revalidate=30, stale-if-error=600',
} as const;

export const CONTENT_TYPE = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  text: 'text/plain; charset=utf-8',
  /** The public log's tiles and entry bundles (C2SP tlog-tiles). */
  binary: 'application/octet-stream',
  atom: 'application/atom+xml',
} as const;
