import { describe, expect, it } from 'vitest';
import {
  inSectionOrder,
  isStalled,
  jobIdOf,
  jobView,
  LEASE_MS,
  type OfficerTokenJob,
  PART_SECTIONS,
  partsOf,
  QUEUED_STALL_MS,
  requestHashOf,
} from '../../shared/domain/officer-token-job.js';

const NOW = Date.parse('2027-06-01T10:00:00Z');
const job = (overrides: Partial<OfficerTokenJob> = {}): OfficerTokenJob => ({
  electionId: 'it-2027',
  jobId: 'j1',
  operation: 'issue',
  sections: 'all',
  requestHash: 'h',
  createdBy: { role: 'staff', credential: 'abc' },
  createdAt: new Date(NOW - 1_000).toISOString(),
  updatedAt: new Date(NOW - 1_000).toISOString(),
  status: 'queued',
  processed: 0,
  changed: 0,
  failed: 0,
  failures: [],
  parts: [],
  ...overrides,
});

describe('a bulk code job', () => {
  it('given the same Idempotency-Key from the same caller, then the same job id; another caller or key, another one; no key, a new one each time', () => {
    expect(jobIdOf('abc', 'key-00001')).toBe(jobIdOf('abc', 'key-00001'));
    expect(jobIdOf('abc', 'key-00001')).not.toBe(jobIdOf('xyz', 'key-00001'));
    expect(jobIdOf('abc', 'key-00001')).not.toBe(jobIdOf('abc', 'key-00002'));
    expect(jobIdOf('abc', undefined)).not.toBe(jobIdOf('abc', undefined));
    expect(jobIdOf('abc', 'key-00001')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('given two requests that differ only in key order, then their hashes are equal; another operation, another hash', () => {
    expect(requestHashOf({ operation: 'issue', sections: ['1', '2'] })).toBe(
      requestHashOf({ sections: ['1', '2'], operation: 'issue' } as never),
    );
    expect(requestHashOf({ operation: 'issue', sections: 'all' })).not.toBe(
      requestHashOf({ operation: 'revoke', sections: 'all' }),
    );
  });

  it('given Italy’s 61,550 sections, then 25 parts of 2,500 at most, in section order, each section once', () => {
    const ids = inSectionOrder(Array.from({ length: 61_550 }, (_, i) => String(61_550 - i)));
    const parts = partsOf(ids);
    expect(parts).toHaveLength(25);
    expect(parts.every((p) => p.length <= PART_SECTIONS)).toBe(true);
    expect(parts.flat()).toEqual(Array.from({ length: 61_550 }, (_, i) => String(i + 1)));
  });

  it('is stalled when never picked up for a while, or when its worker’s lease ran out; never when it ended', () => {
    expect(isStalled(job(), NOW)).toBe(false);
    expect(isStalled(job({ createdAt: new Date(NOW - QUEUED_STALL_MS - 1).toISOString() }), NOW)).toBe(true);
    expect(isStalled(job({ status: 'running', leaseUntil: NOW + LEASE_MS }), NOW)).toBe(false);
    expect(isStalled(job({ status: 'running', leaseUntil: NOW - 1 }), NOW)).toBe(true);
    expect(isStalled(job({ status: 'done', createdAt: '2000-01-01T00:00:00Z' }), NOW)).toBe(false);
  });

  it('shows progress and where the sheet is, ready only while an issuing job is done and its hour lasts; never a part’s key', () => {
    const done = job({
      status: 'done',
      parts: ['jobs/it-2027/j1/0000-owner.json'],
      sheetExpiresAt: new Date(NOW + 1_000).toISOString(),
    });
    const view = jobView(done, NOW);
    expect(view).toMatchObject({
      status: 'done',
      location: '/v1/admin/elections/it-2027/officer-token-jobs/j1',
      sheet: { parts: 1, ready: true, path: '/v1/admin/elections/it-2027/officer-token-jobs/j1/sheet' },
    });
    expect(JSON.stringify(view)).not.toContain('owner.json');
    expect(jobView({ ...done, sheetExpiresAt: new Date(NOW - 1).toISOString() }, NOW).sheet?.ready).toBe(
      false,
    );
    expect(jobView({ ...done, operation: 'revoke' }, NOW).sheet).toBeNull();
  });
});
