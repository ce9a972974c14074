import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/domain/audit-events.js';
import { type ElectionNow, replayProblems, type StoredItem } from '../../shared/domain/audit-replay.js';
import { hashOf } from '../../shared/domain/canonical.js';
import type { FailedCheck } from '../../shared/domain/checks.js';

const staff = { role: 'staff' as const, credential: 'staff-1' };
const R1: FailedCheck = {
  code: 'R1',
  severity: 'error',
  message: { it: 'non quadra', en: 'does not square' },
};
const body = { voters: 10 };

const ev = (
  action: AuditEvent['action'],
  what: Record<string, unknown>,
  at: string,
  sectionId?: string,
): AuditEvent => ({
  electionId: 'e',
  ...(sectionId ? { sectionId } : {}),
  action,
  at,
  actor: staff,
  what,
  source: `${action}-${at}`,
  contentHash: 'x',
});

const defined = ev(
  'define',
  { definitionHash: 'def', storedHash: 'stored', sections: 1 },
  '2026-05-24T08:00:00Z',
);
const submitted = (version: number, status: string, at: string, b: unknown = body) =>
  ev(
    version === 1 ? 'submit' : 'correct',
    { item: 'results', version, status, bodyHash: hashOf(b), checks: [] },
    at,
    '1',
  );
const reviewed = (action: 'approve' | 'reopen', version: number, at: string) =>
  ev(
    action,
    { item: 'results', version, status: action === 'approve' ? 'approved' : 'reopened', reason: 'r' },
    at,
    '1',
  );

const item = (overrides: Partial<StoredItem> = {}): StoredItem => ({
  sectionId: '1',
  kind: 'results',
  version: 1,
  bodyHash: hashOf(body),
  body,
  status: 'accepted',
  checks: [],
  ...overrides,
});

const now = (items: StoredItem[], overrides: Partial<ElectionNow> = {}): ElectionNow => ({
  definitionHash: 'def',
  storedDefinitionHash: 'stored',
  certified: false,
  items,
  allowedChecks: (i) => [i.checks],
  ...overrides,
});

describe('whether the present follows from the audit trail', () => {
  it('given an accepted count and its chained version, then it follows', () => {
    expect(replayProblems([defined, submitted(1, 'accepted', 't1')], now([item()]))).toEqual([]);
  });

  it('given a flagged count approved in the chain, then "approved" follows', () => {
    const events = [defined, submitted(1, 'flagged', 't1'), reviewed('approve', 1, 't2')];
    expect(replayProblems(events, now([item({ status: 'approved', checks: [R1] })]))).toEqual([]);
  });

  it('given "approved" with no approval chained, then it does not follow', () => {
    const events = [defined, submitted(1, 'flagged', 't1')];
    expect(replayProblems(events, now([item({ status: 'approved', checks: [R1] })]))).toEqual([
      { where: 'section 1, results', problem: 'is approved, but no approval of this version is chained' },
    ]);
  });

  it('given an approval of an earlier version only, then the corrected version is not approved by it', () => {
    const events = [
      defined,
      submitted(1, 'flagged', 't1'),
      reviewed('approve', 1, 't2'),
      submitted(2, 'flagged', 't3'),
    ];
    const problems = replayProblems(events, now([item({ version: 2, status: 'approved', checks: [R1] })]));
    expect(problems.map((p) => p.problem)).toContain(
      'is approved, but no approval of this version is chained',
    );
  });

  it('given a reopening chained, then the count must be reopened, and "reopened" needs one', () => {
    const events = [defined, submitted(1, 'accepted', 't1'), reviewed('reopen', 1, 't2')];
    expect(replayProblems(events, now([item({ status: 'reopened' })]))).toEqual([]);
    expect(replayProblems(events, now([item()]))).toEqual([
      { where: 'section 1, results', problem: 'was reopened by staff, but is accepted' },
    ]);
    expect(replayProblems(events.slice(0, 2), now([item({ status: 'reopened' })]))).toEqual([
      { where: 'section 1, results', problem: 'is reopened, but no reopening is chained' },
    ]);
  });

  it('given a stored body changed, then its hash betrays it; given another version, then the chain does', () => {
    const events = [defined, submitted(1, 'accepted', 't1')];
    expect(replayProblems(events, now([item({ body: { voters: 11 } })]))).toEqual([
      {
        where: 'section 1, results',
        problem: 'its body does not match its hash: the stored count was changed',
      },
    ]);
    const other = { voters: 12 };
    expect(
      replayProblems(events, now([item({ version: 2, body: other, bodyHash: hashOf(other) })]))[0]?.problem,
    ).toMatch(/holds version 2, but the last chained version is 1/);
  });

  it('given checks that the body does not give, or a status they do not allow, then it does not follow', () => {
    const events = [defined, submitted(1, 'flagged', 't1')];
    expect(
      replayProblems(
        events,
        now([item({ status: 'accepted', checks: [] })], { allowedChecks: () => [[R1]] }),
      ),
    ).toEqual([
      {
        where: 'section 1, results',
        problem: 'its stored checks are not what its body gives: they were changed',
      },
    ]);
    expect(replayProblems(events, now([item({ status: 'accepted', checks: [R1] })]))).toEqual([
      { where: 'section 1, results', problem: 'is accepted, but fails a check' },
    ]);
  });

  it('given items and versions that do not meet, then both sides are reported', () => {
    expect(replayProblems([defined], now([item()]))).toEqual([
      { where: 'section 1, results', problem: 'is stored, but none of its versions is chained' },
    ]);
    expect(replayProblems([defined, submitted(1, 'accepted', 't1')], now([]))).toEqual([
      { where: 'section 1, results', problem: 'has chained versions, but nothing is stored' },
    ]);
  });

  it('given a definition or a certification that the chain does not hold, then it is reported', () => {
    const problems = replayProblems(
      [defined],
      now([], { definitionHash: 'other', storedDefinitionHash: 'changed', certified: true }),
    );
    expect(problems.map((p) => p.where)).toEqual(['definition', 'definition', 'certification']);
  });
});

describe('whether each chained write was allowed when it was made', () => {
  const officer = (credential: string, sectionId = '1') => ({
    role: 'officer' as const,
    credential,
    sectionId,
  });
  const issued = (credential: string, at: string) => ({
    ...ev('issue-credential', { credential }, at, '1'),
    source: `issue-${credential}`,
  });
  const byOfficer = (credential: string, at: string, sectionId = '1') => ({
    ...submitted(1, 'accepted', at),
    actor: officer(credential, sectionId),
  });
  const problemsOf = (events: AuditEvent[]) => replayProblems(events, now([item()])).map((p) => p.problem);

  it("given a submission with the section's valid code, then it was allowed", () => {
    expect(problemsOf([defined, issued('c1', 't1'), byOfficer('c1', 't2')])).toEqual([]);
  });

  it('given a code replaced, revoked, never issued or of another section, then the submission is reported', () => {
    const replaced = [defined, issued('c1', 't1'), issued('c2', 't2'), byOfficer('c1', 't3')];
    const revoked = [
      defined,
      issued('c1', 't1'),
      ev('revoke-credential', { credential: 'c1' }, 't2', '1'),
      byOfficer('c1', 't3'),
    ];
    const forged = [defined, byOfficer('c9', 't3')];
    const elsewhere = [defined, issued('c1', 't1'), byOfficer('c1', 't3', '2')];
    for (const events of [replaced, revoked, forged, elsewhere])
      expect(problemsOf(events).some((p) => /was not the section's valid code then/.test(p))).toBe(true);
  });

  it('given a definition after results, or anything after the certification, then it is reported', () => {
    const redefined = [defined, submitted(1, 'accepted', 't1'), { ...defined, at: 't2', source: 'define-2' }];
    expect(problemsOf(redefined)).toContain('a definition was chained after results were stored');
    const late = [defined, ev('certify', { sectionsReported: 1 }, 't1'), submitted(1, 'accepted', 't2')];
    expect(problemsOf(late)).toContain('a submit was chained after the certification');
  });
});
