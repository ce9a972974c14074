/**
 * Whether a caller may use a route (docs/interface.md, Staff accounts): officers their own section, staff by
 * role (each including the one before) and by the elections of their account. A route with an
 * election in its path needs that election in scope; one without needs every election in scope,
 * unless the route checks scope itself (the account routes, within the admin's own scope).
 */
import { roleIncludes, type StaffRole, scopeIncludes } from '../domain/staff.js';
import { ForbiddenError } from '../errors.js';
import type { Caller } from './authenticate.js';

export type Access =
  | 'public'
  /** Any valid token, on a route with no ids in its path (to learn what the token may do). */
  | 'signed-in'
  /** The officer of the section in the path. */
  | 'section-officer'
  /** A staff account's own session: signing out. */
  | 'own-session'
  /** A staff account's own session, even one that must change its password first: changing it. */
  | 'password-change'
  | {
      staff: StaffRole;
      /** The officer of the section in the path may use it too. */
      orOwnSection?: true;
      /** The route checks the caller's scope itself (it has no election in its path). */
      scopeChecked?: true;
    };

const FORBIDDEN = 'this token is not valid for this election, section or operation';

function staffAllowed(access: Exclude<Access, string>, caller: Caller, ids: Record<string, string>) {
  if (caller.role !== 'staff' || !roleIncludes(caller.staffRole, access.staff)) return false;
  if (access.scopeChecked) return true;
  return ids.electionId !== undefined
    ? scopeIncludes(caller.elections, ids.electionId)
    : caller.elections === 'all';
}

export function authorize(access: Access, caller: Caller, ids: Record<string, string>): void {
  const session = caller.role === 'staff' ? caller.account : undefined;
  if (access === 'password-change') {
    if (!session) throw new ForbiddenError('only a staff account signed in changes its password');
    return;
  }
  if (session?.passwordChangeRequired)
    throw new ForbiddenError('change the initial password first: POST /v1/staff/password');
  const ownSection =
    caller.role === 'officer' && caller.electionId === ids.electionId && caller.sectionId === ids.sectionId;
  const allowed =
    access === 'public'
      ? true
      : access === 'signed-in'
        ? Object.keys(ids).length === 0
        : access === 'section-officer'
          ? ownSection
          : access === 'own-session'
            ? session !== undefined
            : staffAllowed(access, caller, ids) || (access.orOwnSection === true && ownSection);
  if (!allowed) throw new ForbiddenError(FORBIDDEN);
}
