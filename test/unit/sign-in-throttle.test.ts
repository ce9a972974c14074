import { describe, expect, it } from 'vitest';
import { clientOf, WINDOW_MS, windowOf } from '../../shared/http/sign-in-throttle.js';

const event = (headers: Record<string, string>, sourceIp = '192.0.2.1') =>
  ({ headers, requestContext: { http: { sourceIp } } }) as unknown as Parameters<typeof clientOf>[0];

describe('who a sign-in failure is counted against', () => {
  it('given CloudFront-Viewer-Address, then the viewer’s address counts, without its port, IPv4 or IPv6', () => {
    expect(clientOf(event({ 'CloudFront-Viewer-Address': '203.0.113.5:46532' }))).toBe('203.0.113.5');
    expect(clientOf(event({ 'cloudfront-viewer-address': '2001:db8::1:443' }))).toBe('2001:db8::1');
    expect(clientOf(event({ 'cloudfront-viewer-address': '2001:db8:85a3::8a2e:370:7334:50123' }))).toBe(
      '2001:db8:85a3::8a2e:370:7334',
    );
    expect(clientOf(event({ 'cloudfront-viewer-address': '[2001:db8::2]:443' }))).toBe('2001:db8::2');
  });

  it('given X-Forwarded-For too, then it is ignored: its last entry is the CloudFront edge, shared by every viewer it serves', () => {
    const viaEdge = {
      'x-forwarded-for': '203.0.113.5, 64.252.0.1',
      'cloudfront-viewer-address': '198.51.100.7:5000',
    };
    expect(clientOf(event(viaEdge, '64.252.0.1'))).toBe('198.51.100.7');
    // Two officers behind one edge are two clients, not one.
    expect(
      clientOf(event({ ...viaEdge, 'cloudfront-viewer-address': '198.51.100.8:5001' }, '64.252.0.1')),
    ).toBe('198.51.100.8');
    // Without CloudFront's header (the local API called directly), what a viewer writes in X-Forwarded-For counts for nothing.
    expect(clientOf(event({ 'x-forwarded-for': '10.0.0.1, 203.0.113.5' }))).toBe('192.0.2.1');
  });

  it('given no header, then the peer address; given garbage, then one shared bucket', () => {
    expect(clientOf(event({}))).toBe('192.0.2.1');
    expect(clientOf(event({}, '::1'))).toBe('::1');
    expect(clientOf(event({}, 'not-an-address'))).toBe('unknown');
    for (const garbage of [
      '<script>',
      '203.0.113.5',
      '203.0.113.5:port',
      '999.1.1.1:80',
      'a'.repeat(500),
      '',
    ])
      expect(clientOf(event({ 'cloudfront-viewer-address': garbage })), garbage).toBe('unknown');
  });

  it('given any instant, then its window holds it and lasts a minute', () => {
    for (const now of [0, 59_999, 60_000, Date.UTC(2026, 4, 25, 21, 7, 13, 500)]) {
      const window = windowOf(now);
      expect(window.endsAt - Date.parse(window.id)).toBe(WINDOW_MS);
      expect(now).toBeGreaterThanOrEqual(Date.parse(window.id));
      expect(now).toBeLessThan(window.endsAt);
    }
  });
});
