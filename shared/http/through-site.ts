/**
 * What the API checks of where a request came from, and tells browsers about other origins.
 *
 * - In AWS the API is reached through the site's distribution only: it adds a secret header
 *   (site.yml, the `current` value of the OriginSecret in Secrets Manager), and a request without
 *   it was sent to the API's own address, bypassing the distribution and its
 *   CloudFront-Viewer-Address (on which the sign-in throttle relies): refused. The check fails closed: unless the local stack
 *   turned it off (ORIGIN_CHECK=off), a secret that cannot be read refuses every request.
 * - CORS: the site calls the API on its own origin; no other origin is ever granted. Every
 *   answer names the site's origin (SITE_ORIGIN) alone in Access-Control-Allow-Origin, so a
 *   browser on any other origin is refused the answer (and its preflight finds no route).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { ForbiddenError } from '../errors.js';
import { logger } from '../logger.js';
import { headerOf } from './headers.js';

/** Equal secrets, compared in constant time (over their hashes, so lengths do not leak either). */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );

/** What `npm run rotate-origin-secret` keeps: the value CloudFront sends, and the one it sent before. */
export const OriginSecretSchema = z.object({
  current: z.string().min(32),
  previous: z.string().min(32).optional(),
});

/**
 * How long a read secret is trusted: a rotation reaches every warm function within this time
 * (`npm run rotate-origin-secret` waits this long before CloudFront sends the new value).
 */
export const SECRET_MAX_AGE_S = 300;

/** The values a request may carry, or undefined when the secret cannot be read (then nothing passes). */
async function acceptedSecrets(secretId: string): Promise<string[] | undefined> {
  try {
    const parsed = OriginSecretSchema.safeParse(
      await getSecret(secretId, { maxAge: SECRET_MAX_AGE_S, transform: 'json' }),
    );
    if (parsed.success) return [parsed.data.current, ...(parsed.data.previous ? [parsed.data.previous] : [])];
    logger.error('the origin secret is not {"current", "previous"?}: every request is refused', { secretId });
  } catch (error) {
    logger.error('the origin secret cannot be read: every request is refused', { secretId, error });
  }
  return undefined;
}

export async function assertThroughSite(event: APIGatewayProxyEventV2): Promise<void> {
  if (process.env.ORIGIN_CHECK === 'off') return;
  const secretId = process.env.ORIGIN_SECRET_ID;
  const accepted = secretId ? await acceptedSecrets(secretId) : undefined;
  const given = headerOf(event, 'x-origin-verify') ?? '';
  // Every accepted value is compared, so the time taken says nothing about which one matched.
  const matches = (accepted ?? []).map((secret) => sameSecret(given, secret));
  if (!matches.includes(true)) throw new ForbiddenError("call the API through the site's address");
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
