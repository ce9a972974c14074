/**
 * Repeated failed sign-ins from one client are throttled: past the limit, every request of that
 * client that carries a token answers 429 until the window ends, before the token is looked up
 * (so a throttled client learns nothing about any token). Windows are short, so an officer who
 * shares an address with a guesser (a carrier's NAT) waits a minute at most; the officer app
 * honours Retry-After and sends again by itself.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { headerOf } from './headers.js';

export const SIGN_IN_FAILURES_PER_WINDOW = 20;
export const WINDOW_MS = 60_000;

/** The fixed window `now` falls in: its id and when it ends. */
export function windowOf(now: number): { id: string; endsAt: number } {
  const start = now - (now % WINDOW_MS);
  return { id: new Date(start).toISOString(), endsAt: start + WINDOW_MS };
}

/**
 * The client's address. In AWS the API answers only what comes through CloudFront (its secret
 * origin header, through-site.ts), which appends the viewer's address as the last
 * X-Forwarded-For entry, whatever the viewer sent before it; without the header (the local API),
 * the peer's address.
 */
export function clientOf(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string {
  const last = headerOf(event, 'x-forwarded-for')?.split(',').at(-1)?.trim();
  const address = last || event.requestContext?.http?.sourceIp || '';
  return /^[0-9A-Fa-f:.]{2,45}$/.test(address) ? address : 'unknown';
}
