import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchesPattern, passesFilters } from '../../infra/local/streams/filter-criteria.js';

const recordWith = (sk: string) => ({
  eventName: 'MODIFY',
  dynamodb: { Keys: { PK: { S: 'E#1' }, SK: { S: sk } } },
});

describe('Lambda event filtering, as the local event source mappings apply it', () => {
  it("given the publisher's own patterns, when records are filtered, then exact keys and prefixes pass and nothing else", () => {
    // Prepare
    const filters = JSON.parse(readFileSync('shared/db/stream-filters.json', 'utf8')) as Record<
      string,
      unknown[]
    >;
    const patterns = (filters.publishResults ?? []).map((p) => JSON.stringify(p));

    // Act and assess
    expect(passesFilters(patterns, recordWith('RESULT'))).toBe(true);
    expect(passesFilters(patterns, recordWith('TURNOUT#T1'))).toBe(true);
    expect(passesFilters(patterns, recordWith('AGGREGATE#PART#03'))).toBe(true);
    expect(passesFilters(patterns, recordWith('AGGREGATE#CHANGES#03#0000000001'))).toBe(false);
    expect(passesFilters(patterns, recordWith('APPLIED#RESULT'))).toBe(false);
    expect(passesFilters(patterns, recordWith('RESULTS'))).toBe(false);
  });

  it('given no filters, when a record comes, then it passes; given a field the record lacks, then it does not', () => {
    // Act and assess
    expect(passesFilters([], recordWith('anything'))).toBe(true);
    expect(
      matchesPattern({ dynamodb: { NewImage: { status: { S: ['accepted'] } } } }, recordWith('RESULT')),
    ).toBe(false);
  });

  it('given exists, when matched, then presence and absence are told apart', () => {
    // Act and assess
    expect(matchesPattern({ eventName: [{ exists: true }] }, recordWith('RESULT'))).toBe(true);
    expect(matchesPattern({ userIdentity: [{ exists: false }] }, recordWith('RESULT'))).toBe(true);
    expect(matchesPattern({ eventName: [{ exists: false }] }, recordWith('RESULT'))).toBe(false);
  });

  it('given an operator the local reader does not know, when matched, then it fails loudly instead of guessing', () => {
    // Act and assess
    expect(() =>
      matchesPattern({ eventName: [{ 'anything-but': ['REMOVE'] } as never] }, recordWith('RESULT')),
    ).toThrow(/not supported/);
  });
});
