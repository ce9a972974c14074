/**
 * The staff accounts' pure rules: roles that include each other, scopes, who may use a route,
 * one-time codes per RFC 6238, and passwords that verify only themselves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, newInitialPassword, verifyPassword } from '../../shared/domain/passwords.js';
import {
  roleIncludes,
  STAFF_ROLES,
  type StaffScope,
  scopeCovers,
  scopeIncludes,
} from '../../shared/domain/staff.js';
import { codeAt, newTotpSecret, otpauthUri, stepOfCode } from '../../shared/domain/totp.js';
import type { Caller } from '../../shared/http/authenticate.js';
import { type Access, authorize } from '../../shared/http/authorize.js';

const role = fc.constantFrom(...STAFF_ROLES);
const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 });
const scope: fc.Arbitrary<StaffScope> = fc.oneof(fc.constant('all' as const), ids);

describe('roles and scopes', () => {
  it('given any two roles, then one includes the other exactly as the order says', () => {
    fc.assert(
      fc.property(role, role, (held, needed) => {
        expect(roleIncludes(held, needed)).toBe(STAFF_ROLES.indexOf(held) >= STAFF_ROLES.indexOf(needed));
      }),
    );
  });

  it('given scopes, then an outer scope covers an inner one exactly when it includes each of its elections', () => {
    fc.assert(
      fc.property(scope, scope, (outer, inner) => {
        const expected =
          outer === 'all' || (inner !== 'all' && inner.every((id) => scopeIncludes(outer, id)));
        expect(scopeCovers(outer, inner)).toBe(expected);
      }),
    );
  });
});

describe('who may use a route', () => {
  const staff = (
    staffRole: (typeof STAFF_ROLES)[number],
    elections: StaffScope,
    passwordChangeRequired = false,
  ): Caller => ({
    role: 'staff',
    tokenHash: 'h',
    credential: 'c',
    staffRole,
    elections,
    account: { username: 'u', rev: 1, passwordChangeRequired, expiresAt: 0 },
  });
  const officer: Caller = {
    role: 'officer',
    tokenHash: 'h',
    credential: 'c',
    electionId: 'a',
    sectionId: '1',
  };
  const allowed = (access: Access, caller: Caller, path: Record<string, string>) => {
    try {
      authorize(access, caller, path);
      return true;
    } catch {
      return false;
    }
  };

  it('given a staff route of an election, then a session may use it exactly when its role and scope include it', () => {
    fc.assert(
      fc.property(
        role,
        role,
        scope,
        fc.constantFrom('a', 'b', 'c', 'd'),
        (needed, held, elections, electionId) => {
          expect(allowed({ staff: needed }, staff(held, elections), { electionId })).toBe(
            roleIncludes(held, needed) && scopeIncludes(elections, electionId),
          );
        },
      ),
    );
  });

  it('given a staff route with no election in its path, then only a scope of every election may use it', () => {
    expect(allowed({ staff: 'viewer' }, staff('admin', ['a']), {})).toBe(false);
    expect(allowed({ staff: 'viewer' }, staff('viewer', 'all'), {})).toBe(true);
    expect(allowed({ staff: 'admin', scopeChecked: true }, staff('admin', ['a']), {})).toBe(true);
  });

  it('given a session that must change its password, then it may only change it', () => {
    const fresh = staff('admin', 'all', true);
    expect(allowed('password-change', fresh, {})).toBe(true);
    expect(allowed({ staff: 'viewer' }, fresh, { electionId: 'a' })).toBe(false);
    expect(allowed('own-session', fresh, {})).toBe(false);
    expect(allowed('signed-in', fresh, {})).toBe(false);
  });

  it('given an officer, then it reads its own section and no staff route', () => {
    expect(
      allowed({ staff: 'viewer', orOwnSection: true }, officer, { electionId: 'a', sectionId: '1' }),
    ).toBe(true);
    expect(
      allowed({ staff: 'viewer', orOwnSection: true }, officer, { electionId: 'a', sectionId: '2' }),
    ).toBe(false);
    expect(allowed({ staff: 'viewer' }, officer, { electionId: 'a' })).toBe(false);
    expect(allowed('password-change', officer, {})).toBe(false);
  });
});

describe('one-time codes (RFC 6238)', () => {
  // RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", as base32; 6 digits are the last 6 of its 8.
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('given the RFC secret at %i s, then the code is %s', (seconds, code) => {
    expect(codeAt(RFC_SECRET, seconds * 1000)).toBe(code);
    expect(stepOfCode(RFC_SECRET, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it('given a code, then it is accepted one step either side and refused two steps away', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = codeAt(secret, now);
    expect(stepOfCode(secret, code, now + 30_000)).toBe(now / 30_000);
    expect(stepOfCode(secret, code, now - 30_000)).toBe(now / 30_000);
    expect(stepOfCode(secret, code, now + 61_000)).toBeUndefined();
  });

  it('given a secret, then it is 160 bits of base32 and its URI names SHA1, 6 digits, 30 s', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri(secret, 'maria'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('passwords', () => {
  it('given a hashed password, then it verifies, and nothing else does; two hashes of it differ', async () => {
    const password = newInitialPassword();
    const [first, second] = await Promise.all([hashPassword(password), hashPassword(password)]);
    expect(first).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(password, first)).toBe(true);
    expect(await verifyPassword(`${password}x`, first)).toBe(false);
    expect(await verifyPassword(password, 'bcrypt$whatever')).toBe(false);
  });

  it('given initial passwords, then each is 20 characters without look-alikes', () => {
    for (let i = 0; i < 50; i++) expect(newInitialPassword()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
  });
});
