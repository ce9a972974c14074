/**
 * A request's body as the function reads it, within Lambda's and the route's limits, inflated
 * when it comes gzipped (a national definition: 61,550 sections).
 *
 * Why the body may be gzipped, and how it arrives: Lambda refuses an invocation whose event is
 * over 6 MB (the body is inside the event, escaped, or base64-encoded), so a definition of
 * Italy's sections can only reach the function compressed. HTTP API passes a body base64-encoded
 * (`isBase64Encoded`) when it judges it binary from its Content-Type, so a gzip body is sent as
 * `Content-Type: application/octet-stream` with `Content-Encoding: gzip` (serverless-offline
 * judges the same way: only octet-stream and multipart bodies reach the function as bytes).
 */
import { gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  InvalidContentEncodingError,
  PayloadTooLargeError,
  UnsupportedContentEncodingError,
  UnsupportedMediaTypeError,
} from '../errors.js';
import { headerOf } from './headers.js';

/**
 * Lambda's limit on a synchronous invocation's event (6 MB). Lambda refuses a larger event before
 * the function runs; checked here too, so that the local stack (serverless-offline does not
 * check it) refuses what AWS would.
 */
export const LAMBDA_EVENT_LIMIT_BYTES = 6 * 1024 * 1024;

export interface BodyLimits {
  /** The most bytes the body may have as JSON text (once inflated). */
  maxBytes: number;
  /** Whether the route takes a gzip body (`Content-Encoding: gzip`). */
  gzip?: boolean;
  /** Said after every 413 of the route: where a larger body goes instead. */
  tooLargeHint?: string;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const BINARY_TYPE = /^application\/octet-stream\s*(;|$)/i;

/** The event's size as Lambda counts it: its JSON. */
export const eventBytes = (event: unknown) => Buffer.byteLength(JSON.stringify(event), 'utf8');

/** The body's bytes: as sent, base64-decoded when the gateway encoded them. */
function bodyBytes(event: APIGatewayProxyEventV2): Buffer {
  // A string in API Gateway; some emulators hand over an already parsed value: never a 500.
  const raw =
    typeof event.body === 'string' ? event.body : event.body == null ? '' : JSON.stringify(event.body);
  return event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
}

/** A 413 with the route's hint, if it has one. */
const tooLarge = (message: string, limits: BodyLimits) =>
  new PayloadTooLargeError(limits.tooLargeHint ? `${message}: ${limits.tooLargeHint}` : message);

/** Inflates a gzip body, never past `maxBytes` (a small body may inflate to gigabytes: a zip bomb). */
function inflated(bytes: Buffer, limits: BodyLimits, wasBinary: boolean): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: limits.maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(`the body inflates to more than ${limits.maxBytes} bytes`, limits);
    throw new InvalidContentEncodingError(
      wasBinary
        ? 'the body is not valid gzip (Content-Encoding: gzip)'
        : 'the gzip body reached the API as text, its bytes lost: send it with "Content-Type: application/octet-stream"',
    );
  }
}

/**
 * The body as JSON text, refused when the event is over Lambda's limit (413), the body over the
 * route's (413, inflated or not), its coding one the route does not take (415, naming the one it
 * does), its gzip broken (400 INVALID_CONTENT_ENCODING) or its type not JSON (415).
 */
export function requestBodyText(event: APIGatewayProxyEventV2, limits: BodyLimits): string {
  if (eventBytes(event) > LAMBDA_EVENT_LIMIT_BYTES)
    throw tooLarge(
      `the request is over Lambda's ${LAMBDA_EVENT_LIMIT_BYTES} bytes${limits.gzip ? ': send it gzipped (Content-Encoding: gzip)' : ''}`,
      limits,
    );
  const coding = (headerOf(event, 'content-encoding') ?? 'identity').trim().toLowerCase();
  const contentType = headerOf(event, 'content-type') ?? '';
  const bytes = bodyBytes(event);
  if (coding !== 'identity' && !(coding === 'gzip' && limits.gzip))
    throw new UnsupportedContentEncodingError(
      `this route does not take a body with "Content-Encoding: ${coding}"`,
      limits.gzip ? 'gzip' : 'identity',
    );
  const gzipped = coding === 'gzip';
  if (!gzipped && bytes.length > limits.maxBytes)
    throw tooLarge(`the body is over ${limits.maxBytes} bytes`, limits);
  if (!JSON_TYPE.test(contentType) && !(gzipped && BINARY_TYPE.test(contentType)))
    throw new UnsupportedMediaTypeError(
      `send the body as JSON with "Content-Type: application/json"${limits.gzip ? ', or gzipped as "application/octet-stream" with "Content-Encoding: gzip"' : ''}`,
    );
  return (gzipped ? inflated(bytes, limits, event.isBase64Encoded === true) : bytes).toString('utf8');
}
