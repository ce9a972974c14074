import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  chainProblems,
  extendChain,
  GENESIS_HASH,
} from '../../shared/domain/audit-chain.js';
import type { AuditEvent } from '../../shared/domain/audit-events.js';

const event = (n: number, at = `2026-05-25T20:00:${String(n % 60).padStart(2, '0')}Z`): AuditEvent => ({
  electionId: 'e',
  sectionId: String(n),
  action: 'submit',
  at,
  actor: { role: 'officer', credential: `c${n}`, sectionId: String(n) },
  what: { item: 'results', version: 1, status: 'accepted', bodyHash: `h${n}`, checks: [] },
  source: `ELECTION#e#SECTION#${n}|SK|HISTORY#RESULT#000001`,
  contentHash: `content-${n}`,
});

const chainOf = (count: number): AuditEntry[] =>
  extendChain(
    'e',
    undefined,
    Array.from({ length: count }, (_, i) => event(i + 1)),
    '2026-05-25T20:01:00Z',
  );

const headOf = (entries: readonly AuditEntry[]) => {
  const last = entries.at(-1);
  return last && { seq: last.seq, hash: last.hash };
};

describe('the audit chain', () => {
  it("given events, then entries are numbered from 1 in the stream's order, each linked to the one before", () => {
    // Act
    const entries = extendChain(
      'e',
      undefined,
      [event(2, '2026-05-25T20:00:09Z'), event(1, '2026-05-25T20:00:01Z')],
      'now',
    );
    // Assess
    expect(entries.map((e) => [e.seq, e.event.sectionId])).toEqual([
      [1, '2'],
      [2, '1'],
    ]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(chainProblems('e', entries, headOf(entries))).toEqual([]);
  });

  it('given a chain extended in batches, then it is the same chain as one built at once', () => {
    // Prepare
    const first = extendChain('e', undefined, [event(1), event(2)], 't');
    // Act
    const rest = extendChain('e', headOf(first), [event(3)], 't');
    // Assess
    const all = [...first, ...rest];
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(chainProblems('e', all, headOf(all))).toEqual([]);
  });

  it('given any one field of any entry changed, then the chain reports that entry (property)', () => {
    const fields = ['chainedAt', 'actor', 'what', 'at', 'contentHash', 'sectionId', 'action'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        fc.constantFrom(...fields),
        fc.string({ minLength: 1, maxLength: 8 }),
        (length, pick, field, value) => {
          // Prepare
          const entries = chainOf(length);
          const index = pick % length;
          const tampered = structuredClone(entries);
          const target = tampered[index] as AuditEntry;
          if (field === 'chainedAt') target.chainedAt = `${target.chainedAt}${value}`;
          else if (field === 'actor') target.event.actor = { ...target.event.actor, credential: `${value}!` };
          else if (field === 'what') target.event.what = { ...target.event.what, note: value };
          else if (field === 'at') target.event.at = `${target.event.at}${value}`;
          else if (field === 'contentHash') target.event.contentHash = `${target.event.contentHash}${value}`;
          else if (field === 'sectionId') target.event.sectionId = `${target.event.sectionId}${value}`;
          else target.event.action = target.event.action === 'submit' ? 'correct' : 'submit';
          // Act
          const problems = chainProblems('e', tampered, headOf(entries));
          // Assess
          expect(problems).toContainEqual({
            seq: index + 1,
            problem: 'its content does not match its hash: the entry was changed',
          });
        },
      ),
    );
  });

  it('given an entry removed, reordered or the head moved, then the chain says so (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), fc.nat(), (length, pick) => {
        const entries = chainOf(length);
        const index = 1 + (pick % (length - 2));
        // Removed from the middle: the next one no longer follows.
        const removed = entries.filter((_, i) => i !== index);
        expect(chainProblems('e', removed, headOf(entries)).map((p) => p.seq)).toContain(index + 2);
        // Two swapped: both out of place.
        const swapped = [...entries];
        [swapped[index], swapped[index + 1]] = [
          swapped[index + 1] as AuditEntry,
          swapped[index] as AuditEntry,
        ];
        expect(chainProblems('e', swapped, headOf(entries)).length).toBeGreaterThan(0);
        // The last entry dropped with the head left in place.
        expect(chainProblems('e', entries.slice(0, -1), headOf(entries))).toContainEqual({
          seq: length,
          problem: `the head (entry ${length}) is not where the entries end (entry ${length - 1})`,
        });
      }),
    );
  });

  it("given a rehashed entry, then the next entry's link betrays it", () => {
    // Prepare
    const entries = chainOf(3);
    const forged = structuredClone(entries);
    const second = forged[1] as AuditEntry;
    second.event.what = { ...second.event.what, status: 'approved' };
    const { hash: _old, ...unsealed } = second;
    second.hash =
      extendChain('e', { seq: 1, hash: second.prevHash }, [unsealed.event], second.chainedAt)[0]?.hash ?? '';
    // Act
    const problems = chainProblems('e', forged, headOf(entries));
    // Assess
    expect(problems).toEqual([{ seq: 3, problem: 'its link does not match the hash of entry 2' }]);
  });

  it("given another election's entry, then it is reported", () => {
    const entries = chainOf(2);
    const foreign = extendChain('other', undefined, [event(1)], entries[0]?.chainedAt ?? '');
    expect(
      chainProblems('e', [foreign[0] as AuditEntry, entries[1] as AuditEntry], headOf(entries)),
    ).toContainEqual({
      seq: 1,
      problem: 'belongs to election "other"',
    });
  });
});
