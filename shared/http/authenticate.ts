/**
 * Who is calling: the bearer token's item, read by the token's SHA-256 (no secret is compared as
 * text), made a caller. Only unknown tokens count as failures, and only they are ever throttled
 * (docs/interface.md, Sign-in throttle): a guesser behind an officer's address never makes the officer's own
 * valid code fail. A valid token can still be refused: a session past its hours or of a disabled
 * account, an officer's code past its days after certification.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from '../config.js';
import { getElectionState } from '../db/elections.js';
import { getStaffAccount } from '../db/staff-accounts.js';
import { findTokenByHash, type TokenRecord } from '../db/tokens.js';
import type { StaffRole, StaffScope } from '../domain/staff.js';
import { hashToken } from '../domain/tokens.js';
import { UnauthorizedError } from '../errors.js';
import { refuseFailedAttempt } from '../use-cases/failed-attempts.js';
import { headerOf } from './headers.js';
import { clientOf } from './sign-in-throttle.js';

export type Caller =
  | { role: 'officer'; tokenHash: string; credential: string; electionId: string; sectionId: string }
  | {
      role: 'staff';
      tokenHash: string;
      credential: string;
      staffRole: StaffRole;
      elections: StaffScope;
      /** A staff account's session; absent for the break-glass token (ADMIN_TOKEN, `staff-token`). */
      account?: { username: string; rev: number; passwordChangeRequired: boolean; expiresAt: number };
    };

/** The characters a bearer token may use (RFC 6750), between 16 and 512 of them. */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,512}$/;
const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})$/;

const DAY_MS = 86_400_000;
/** An election's certification time, read at most once a minute per election and instance. */
const STATE_TTL_MS = 60_000;
const certifications = new Map<string, { certifiedAt: string | undefined; readAt: number }>();

async function certifiedAtOf(electionId: string): Promise<string | undefined> {
  const cached = certifications.get(electionId);
  if (cached && Date.now() - cached.readAt < STATE_TTL_MS) return cached.certifiedAt;
  const certifiedAt = (await getElectionState(electionId))?.certifiedAt;
  certifications.set(electionId, { certifiedAt, readAt: Date.now() });
  return certifiedAt;
}

async function callerOf(record: TokenRecord, now: number): Promise<Caller> {
  const { tokenHash, credential } = record;
  switch (record.role) {
    case 'staff':
      return { role: 'staff', tokenHash, credential, staffRole: 'admin', elections: 'all' };
    case 'officer': {
      const certifiedAt = await certifiedAtOf(record.electionId);
      const days = config().OFFICER_CODES_EXPIRE_DAYS;
      if (certifiedAt && now >= Date.parse(certifiedAt) + days * DAY_MS)
        throw new UnauthorizedError(`this code expired ${days} days after the election was certified`);
      return { ...record, role: 'officer' };
    }
    case 'staff-session': {
      if (now >= record.expiresAt * 1000)
        throw new UnauthorizedError('this session has ended: sign in again');
      const account = await getStaffAccount(record.username);
      if (!account || account.disabled) throw new UnauthorizedError('this account is disabled');
      return {
        role: 'staff',
        tokenHash,
        credential,
        staffRole: account.role,
        elections: account.elections,
        account: {
          username: account.username,
          rev: account.rev,
          passwordChangeRequired: record.passwordChangeRequired,
          expiresAt: record.expiresAt,
        },
      };
    }
  }
}

export async function authenticate(event: APIGatewayProxyEventV2): Promise<Caller> {
  const match = BEARER.exec(headerOf(event, 'authorization') ?? '');
  if (!match?.[1]) throw new UnauthorizedError('send "Authorization: Bearer <token>"');
  const now = Date.now();
  const record = await findTokenByHash(hashToken(match[1]));
  if (record) return callerOf(record, now);
  // Only an unknown token reads and counts the address's failures: a valid one waits for nothing more.
  return refuseFailedAttempt(
    [clientOf(event)],
    'this token is unknown or has been revoked',
    'too many unknown tokens from this address: try again in a minute',
  );
}
