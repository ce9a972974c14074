/**
 * What the page offers to whom (docs/interface.md, Staff accounts): a viewer reads (overview,
 * history, exports, audit), a clerk also approves, reopens, hands out officer codes and sends
 * messages to the polling stations, a
 * supervisor also certifies, an admin also defines elections and manages accounts. The API
 * enforces the same rules; the page only leaves out what would be refused. Pure.
 */
import { roleIncludes, type StaffScope } from '../../shared/domain/staff-roles.js';
import type { StaffSession } from './state.js';

export interface Offer {
  review: boolean;
  codes: boolean;
  /** Sending a message to every polling station of the election. */
  broadcast: boolean;
  certify: boolean;
  define: boolean;
  accounts: boolean;
  /** The quarantine is of the whole deployment: an account of every election reads it. */
  quarantine: boolean;
}

export function offerTo(session: StaffSession | undefined): Offer {
  const has = (role: Parameters<typeof roleIncludes>[1]) =>
    session !== undefined && roleIncludes(session.role, role);
  return {
    review: has('clerk'),
    codes: has('clerk'),
    broadcast: has('clerk'),
    certify: has('supervisor'),
    define: has('admin'),
    accounts: has('admin'),
    quarantine: session?.elections === 'all',
  };
}

/** The elections typed in a field: a list of ids, or every one ("tutte", "all"). */
export function scopeTyped(typed: string): StaffScope {
  const trimmed = typed.trim();
  return /^(tutte|all)$/i.test(trimmed) ? 'all' : trimmed.split(/[\s,;]+/).filter(Boolean);
}
