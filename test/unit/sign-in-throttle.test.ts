import { describe, expect, it } from 'vitest';
import { clientOf, WINDOW_MS, windowOf } from '../../shared/http/sign-in-throttle.js';

const event = (headers: Record<string, string>, sourceIp = '192.0.2.1') =>
  ({ headers, requestContext: { http: { sourceIp } } }) as unknown as Parameters<typeof clientOf>[0];

describe('who a sign-in failure is counted against', () => {
  it('given X-Forwarded-For, then the last address counts (the one the distribution appended), not what the viewer claimed', () => {
    expect(clientOf(event({ 'X-Forwarded-For': '10.0.0.1, 203.0.113.5' }))).toBe('203.0.113.5');
    expect(clientOf(event({ 'x-forwarded-for': '2001:db8::1' }))).toBe('2001:db8::1');
  });

  it('given no header, then the peer address; given garbage, then one shared bucket', () => {
    expect(clientOf(event({}))).toBe('192.0.2.1');
    expect(clientOf(event({ 'x-forwarded-for': '<script>' }))).toBe('unknown');
    expect(clientOf(event({ 'x-forwarded-for': 'a'.repeat(500) }))).toBe('unknown');
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
