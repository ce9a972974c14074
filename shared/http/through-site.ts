/**
 * What the API checks of where a request came from, and tells browsers about other origins.
 *
 * - In AWS the API is reached through the site's distribution only: it adds a secret header
 *   (site.yml), and a request without it was sent to the API's own address, bypassing the
 *   distribution and its X-Forwarded-For (on which the sign-in throttle relies): refused.
 * - CORS: the site calls the API on its own origin; no other origin is ever granted. Every
 *   answer names the site's origin (SITE_ORIGIN) alone in Access-Control-Allow-Origin, so a
 *   browser on any other origin is refused the answer (and its preflight finds no route).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ForbiddenError } from '../errors.js';
import { headerOf } from './headers.js';

/** Equal secrets, compared in constant time (over their hashes, so lengths do not leak either). */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );

export function assertThroughSite(event: APIGatewayProxyEventV2): void {
  const expected = process.env.ORIGIN_VERIFY;
  if (!expected) return;
  if (!sameSecret(headerOf(event, 'x-origin-verify') ?? '', expected))
    throw new ForbiddenError("call the API through the site's address");
}

/** The response with the headers every API answer carries. */
export function withApiHeaders(
  response: APIGatewayProxyStructuredResultV2,
): APIGatewayProxyStructuredResultV2 {
  const site = process.env.SITE_ORIGIN;
  return {
    ...response,
    headers: {
      ...response.headers,
      'x-content-type-options': 'nosniff',
      ...(site ? { 'access-control-allow-origin': site } : {}),
    },
  };
}
