/**
 * A tiny static server for a folder of published files, on 127.0.0.1: what a CDN in front of
 * the bucket would answer (the file, its content type, the site's security headers; 404 for
 * anything absent; a folder's path serves its index.html). Read from disk at each request, so
 * a test can tamper with a file in place.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { freePort } from '../../infra/local/ports.js';
import { SECURITY_HEADERS } from '../../site/security-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export async function startStaticSite(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer(async (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname);
    const relative = normalize(`${path}${path.endsWith('/') ? 'index.html' : ''}`);
    if (relative.split('/').includes('..')) {
      response.writeHead(400).end();
      return;
    }
    try {
      const body = await readFile(join(dir, relative));
      const type =
        TYPES[extname(relative)] ??
        (relative.endsWith('/checkpoint') ? 'text/plain; charset=utf-8' : 'application/octet-stream');
      response.writeHead(200, {
        'content-type': type,
        'cache-control': 'no-cache',
        'content-length': body.length,
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
