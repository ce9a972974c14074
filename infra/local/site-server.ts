import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
  type Server,
  type ServerResponse,
} from 'node:http';
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { headersFor } from '../../site/security-headers.js';

/** Headers of one connection, never passed on by a proxy (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

const withoutHopByHop = (headers: IncomingMessage['headers']) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name.toLowerCase())));

/** Sends `options` to the API and its answer, as it is, to the viewer; `failure` when it cannot be reached. */
function forwardToApi(
  options: RequestOptions,
  response: ServerResponse,
  failure: { text: string; headers: Record<string, string> },
) {
  const upstream = httpRequest(options, (answer) => {
    response.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
    answer.pipe(response);
  });
  upstream.on('error', () => {
    if (!response.headersSent)
      response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', ...failure.headers });
    response.end(failure.text);
  });
  return upstream;
}

/**
 * Like CloudFront's `/v1/*` behaviour: the API on the site's own origin, so the officer and
 * staff apps call it without CORS. Nothing is cached; every header but Host is passed on, and
 * `CloudFront-Viewer-Address` is the viewer's own address and port, whatever the viewer sent
 * (site.yml's origin request policy forwards it; the sign-in throttle counts by it).
 */
function proxyToApi(apiUrl: URL, url: URL, request: IncomingMessage, response: ServerResponse) {
  const headers = withoutHopByHop(request.headers);
  // Like CloudFront: the viewer's address appended last, whatever the viewer sent before it.
  const forwarded = [request.headers['x-forwarded-for'], request.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  // IPv6 unbracketed, as CloudFront writes it: 2001:db8::1:46532.
  const viewer = `${request.socket.remoteAddress ?? ''}:${request.socket.remotePort ?? 0}`;
  const upstream = forwardToApi(
    {
      hostname: apiUrl.hostname,
      port: apiUrl.port,
      method: request.method,
      path: url.pathname + url.search,
      headers: {
        ...headers,
        host: apiUrl.host,
        'x-forwarded-for': forwarded,
        'cloudfront-viewer-address': viewer,
      },
    },
    response,
    { text: 'The API could not be reached', headers: {} },
  );
  request.pipe(upstream);
}

/**
 * Like the second origin of the distribution's origin group: the same GET or HEAD, at the path
 * the viewer-request function made, sent to the API with only what the default behaviour's
 * cache policy passes on (Accept-Encoding); its answer goes to the viewer as it is.
 */
function failOverToApi(apiUrl: URL, path: string, request: IncomingMessage, response: ServerResponse) {
  const acceptEncoding = request.headers['accept-encoding'];
  const upstream = forwardToApi(
    {
      hostname: apiUrl.hostname,
      port: apiUrl.port,
      method: request.method,
      path: encodeURI(path),
      headers: { host: apiUrl.host, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    },
    response,
    { text: 'The site could not be reached', headers: { 'cache-control': 'no-store' } },
  );
  upstream.end();
}

/**
 * The local stand-in for CloudFront: serves the public bucket's objects by path, with the
 * content type and cache policy the publisher stored on each, compressed when asked; a path
 * ending in `/` serves its `index.html` (the distribution's viewer-request function); `/v1/`
 * goes to the API; what the bucket has not goes to the API as well (the origin group's failover).
 */
export async function startSiteServer(options: {
  port: number;
  s3Endpoint: string;
  bucket: string;
  apiUrl: string;
}) {
  const apiUrl = new URL(options.apiUrl);
  const s3 = new S3Client({
    endpoint: options.s3Endpoint,
    forcePathStyle: true,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://site');
    // Like the distribution's response headers policies: on every answer, the API's included.
    for (const [name, value] of Object.entries(headersFor(url.pathname))) response.setHeader(name, value);
    if (url.pathname.startsWith('/v1/')) {
      proxyToApi(apiUrl, url, request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let key = '';
    try {
      // Like the distribution's viewer-request function: a folder's path serves its index.html.
      const path = decodeURIComponent(url.pathname);
      key = `${path}${path.endsWith('/') ? 'index.html' : ''}`.replace(/^\/+/, '');
      if (key.split('/').some((part) => part === '..' || part === '.')) {
        response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path');
        return;
      }
      const object = await s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      const body = Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array()));
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && body.length > 1024;
      const payload = gzip ? gzipSync(body) : body;
      response.writeHead(200, {
        'content-type': object.ContentType ?? 'application/octet-stream',
        'cache-control': object.CacheControl ?? 'no-cache',
        ...(object.ETag ? { etag: object.ETag } : {}),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        vary: 'accept-encoding',
        'content-length': String(payload.length),
      });
      response.end(request.method === 'HEAD' ? undefined : payload);
    } catch (error) {
      if (error instanceof URIError) {
        response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path');
        return;
      }
      // Like the distribution's origin group: whatever error the bucket answers (a missing
      // object, or the bucket failing), the same request goes to the second origin, the API,
      // whose $default route answers the site's "not found" (functions/route-not-found).
      failOverToApi(apiUrl, `/${key}`, request, response);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        s3.destroy();
      }),
  };
}
