/**
 * Staff roles and scopes (docs/interface.md, Staff accounts), with no schema: what the API's rules
 * and the staff page's offer both read, so the page bundles the same order of roles without zod.
 * Pure.
 */

/** Each role includes the one before it. */
export const STAFF_ROLES = ['viewer', 'clerk', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The elections an account may see and touch: some by id, or every one. */
export type StaffScope = 'all' | readonly string[];

export const roleIncludes = (held: StaffRole, needed: StaffRole) =>
  STAFF_ROLES.indexOf(held) >= STAFF_ROLES.indexOf(needed);

export const scopeIncludes = (scope: StaffScope, electionId: string) =>
  scope === 'all' || scope.includes(electionId);

/** Whether `outer` covers every election of `inner` (a scoped admin grants only within its own). */
export const scopeCovers = (outer: StaffScope, inner: StaffScope) =>
  outer === 'all' || (inner !== 'all' && inner.every((id) => outer.includes(id)));

/** A new password: 12 characters or more (NIST SP 800-63B asks at least 8; no composition rules). */
export const MIN_PASSWORD_LENGTH = 12;
