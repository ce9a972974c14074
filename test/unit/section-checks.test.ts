import { describe, expect, it } from 'vitest';
import { recheckSection, statusAfterRecheck } from '../../shared/domain/lifecycle.js';
import { type CurrentItem, checksFor } from '../../shared/domain/section-checks.js';
import { municipalHead, squareMunicipalResults } from './fixtures.js';

const head = municipalHead();
const section = { registeredVoters: 1000 };
const results = (voters = 560): CurrentItem => ({
  kind: 'results',
  body: { ...squareMunicipalResults(), voters, blankBallots: 3 + voters - 560 },
  status: 'accepted',
  checks: [],
});
const reading = (
  slotId: string,
  voters: number,
  status: CurrentItem['status'] = 'accepted',
): CurrentItem => ({
  kind: 'turnout',
  slotId,
  body: { voters },
  status,
  checks: [],
});

describe('the checks of a section judged together', () => {
  it('given a count of 560, when the final reading says 650, then the reading fails R5', () => {
    // Act
    const checks = checksFor(head, section, reading('T3', 650), [results()]);
    // Assess
    expect(checks.map((c) => c.code)).toEqual(['R5']);
  });

  it('given a flagged final reading, when it is corrected to the count, then the count beside it is judged again and passes', () => {
    // Prepare
    const count = {
      ...results(),
      status: 'flagged' as const,
      checks: checksFor(head, section, results(), [reading('T3', 650)]),
    };
    expect(count.checks.map((c) => c.code)).toEqual(['R5']);
    // Act
    const changes = recheckSection(head, section, reading('T3', 560), [count, reading('T3', 650, 'flagged')]);
    // Assess
    expect(changes).toHaveLength(1);
    expect(changes[0]?.item.kind).toBe('results');
    expect(changes[0]?.status).toBe('accepted');
    expect(changes[0]?.checks).toEqual([]);
  });

  it('given readings T1 500 and T2 400, when T1 is corrected to 300, then T2 is no longer flagged', () => {
    // Prepare
    const t2 = {
      ...reading('T2', 400),
      status: 'flagged' as const,
      checks: checksFor(head, section, reading('T2', 400), [reading('T1', 500)]),
    };
    expect(t2.checks.map((c) => c.code)).toEqual(['R5']);
    // Act
    const changes = recheckSection(head, section, reading('T1', 300), [reading('T1', 500, 'flagged'), t2]);
    // Assess
    expect(changes.map((c) => [c.item.slotId, c.status])).toEqual([['T2', 'accepted']]);
  });

  it('given nothing related changes, when a reading is stored, then no other item is rewritten', () => {
    expect(recheckSection(head, section, reading('T1', 100), [results(), reading('T2', 300)])).toEqual([]);
  });

  it('given a final reading flagged against the count, when staff reopen the count, then the reading is judged again without it and passes', () => {
    // Prepare
    const final = {
      ...reading('T3', 650),
      status: 'flagged' as const,
      checks: checksFor(head, section, reading('T3', 650), [results()]),
    };
    expect(final.checks.map((c) => c.code)).toEqual(['R5']);
    // Act: the reopening is a change like a new version (lifecycle.ts), re-judging its siblings
    const changes = recheckSection(head, section, { ...results(), status: 'reopened' }, [results(), final]);
    // Assess
    expect(changes).toEqual([{ item: final, checks: [], status: 'accepted' }]);
  });

  it('given a reopened count, when a reading changes, then the reopened count is left as staff left it', () => {
    const reopened = { ...results(), status: 'reopened' as const };
    expect(recheckSection(head, section, reading('T3', 999), [reopened])).toEqual([]);
  });

  it.each([
    ['accepted', true, 'flagged'],
    ['flagged', false, 'accepted'],
    ['approved', true, 'approved'],
    ['approved', false, 'accepted'],
    ['reopened', false, 'reopened'],
  ] as const)(
    'given status %s and failing=%s, when judged again, then it becomes %s',
    (status, failing, expected) => {
      const checks = failing
        ? [{ code: 'R1' as const, severity: 'error' as const, message: { it: '', en: '' } }]
        : [];
      expect(statusAfterRecheck(status, checks)).toBe(expected);
    },
  );
});
