/**
 * Repeated failed sign-ins from one client are throttled: past the limit, every request of that
 * client that carries a token answers 429 until the window ends, before the token is looked up
 * (so a throttled client learns nothing about any token). Windows are short, so an officer who
 * shares an address with a guesser (a carrier's NAT) waits a minute at most; the officer app
 * honours Retry-After and sends again by itself.
 */
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { headerOf } from './headers.js';

// The window and its limit live with the rule that counts failures (use-cases/failed-attempts.ts).
export { SIGN_IN_FAILURES_PER_WINDOW, WINDOW_MS, windowOf } from '../use-cases/failed-attempts.js';

/**
 * The viewer's address, without its port, from CloudFront's `CloudFront-Viewer-Address`
 * (`198.51.100.10:46532`, or IPv6 unbracketed: `2001:db8::1:46532`). Undefined when there is no
 * such header; 'unknown' when it is there but not an address and port.
 */
function viewerAddressOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^\[?([0-9A-Fa-f:.]+?)\]?:(\d{1,5})$/.exec(value.trim());
  return match?.[1] && isIP(match[1]) ? match[1] : 'unknown';
}

/**
 * The client's address. In AWS the API answers only what comes through the site's distribution
 * (its secret origin header, through-site.ts), whose origin request policy (site.yml) forwards
 * `CloudFront-Viewer-Address`, set by CloudFront to the viewer's own address whatever the viewer
 * sent. Not X-Forwarded-For: its last entry is the address API Gateway saw, the CloudFront edge,
 * one for every officer that edge serves. Without the header (the local API called directly),
 * the peer's address.
 */
export function clientOf(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string {
  const address =
    viewerAddressOf(headerOf(event, 'cloudfront-viewer-address')) ??
    event.requestContext?.http?.sourceIp ??
    '';
  return isIP(address) ? address : 'unknown';
}
