/**
 * Compressed answers for large bodies (an export, a municipality's overview).
 *
 * CloudFront does not compress the API's answers: the `/v1/*` behaviour uses the managed
 * CachingDisabled policy, whose Gzip and Brotli settings are off, and CloudFront compresses only
 * what a cache policy with them on lets it. With both off, CloudFront treats Accept-Encoding like
 * any other header, and the behaviour's AllViewerExceptHostHeader origin request policy passes it
 * to the API. So the API compresses its own answers: `@middy/http-content-encoding` does the
 * encoding (to base64, with `isBase64Encoded`, which API Gateway's payload 2.0 decodes); this
 * module picks the encoding from Accept-Encoding, leaves small bodies alone and adds `Vary`.
 */
import { constants } from 'node:zlib';
import type middy from '@middy/core';
import httpContentEncoding from '@middy/http-content-encoding';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { headerOf } from './headers.js';

/** Below this many bytes a body goes out as it is: compressing saves less than it costs. */
export const COMPRESS_FROM_BYTES = 1024;

/** What the API will encode with, best first when the client weighs them the same. */
const ENCODINGS = ['br', 'gzip', 'deflate'] as const;
type Encoding = (typeof ENCODINGS)[number];

/**
 * The encodings an Accept-Encoding header accepts, best first (RFC 9110 section 12.5.3): by
 * q-value, then in the API's own order; `q=0` refuses one, `*` stands for any not named.
 */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const any = weights.get('*');
  return ENCODINGS.map((encoding, order) => ({ encoding, order, q: weights.get(encoding) ?? any ?? 0 }))
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((e) => e.encoding);
}

type Request = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * Compresses an answer whose body is text of at least COMPRESS_FROM_BYTES, in the encoding the
 * client prefers; every answer says it varies by Accept-Encoding. Used first in the chain, so
 * it sees the final answer, errors included.
 */
export function compressed(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const encode = httpContentEncoding({
    // Brotli's default quality (11) takes seconds on a large export; 5 is near gzip's speed and smaller.
    br: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  const compress = async (request: Request) => {
    const response = request.response;
    if (!response || typeof response !== 'object') return;
    response.headers = { ...response.headers, vary: 'accept-encoding' };
    if (
      response.isBase64Encoded ||
      typeof response.body !== 'string' ||
      Buffer.byteLength(response.body) < COMPRESS_FROM_BYTES ||
      Object.keys(response.headers).some((name) => name.toLowerCase() === 'content-encoding')
    )
      return;
    const encodings = acceptedEncodings(headerOf(request.event, 'accept-encoding'));
    if (encodings.length === 0) return;
    // The names @middy/http-content-negotiation would set; the encoder reads them from the context.
    Object.assign(request.context, { preferredEncoding: encodings[0], preferredEncodings: encodings });
    await encode.after?.(request as never);
  };
  return { after: compress, onError: compress };
}
