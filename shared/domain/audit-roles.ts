/**
 * Whether each write a staff account made was allowed to its role and scope when it was made
 * (docs/interface.md, Staff accounts). Pure: the verifier (infra/cli/verify-audit/) reads an
 * election's trail and the deployment's, this judges. A staff account's write names the
 * account's rev it was allowed under (`actor.accountRev`); the deployment's trail holds the
 * account's role, elections and state after every change, each with that rev, so the right of
 * every write can be judged again for ever after, whatever the account became since.
 */
import * as z from 'zod';
import type { Actor } from './actor.js';
import type { AuditAction, AuditEvent } from './audit-events.js';
import type { ReplayProblem } from './audit-replay.js';
import {
  ROLE_NEEDED_FOR,
  roleIncludes,
  STAFF_ROLES,
  type StaffRole,
  type StaffScope,
  scopeCovers,
  scopeIncludes,
} from './staff.js';

/** An account as it stood after one change: what a write under its rev was allowed. */
export interface AccountState {
  username: string;
  rev: number;
  role: StaffRole;
  elections: StaffScope;
  disabled: boolean;
}

/** Each account's states by rev: username, then rev. */
export type AccountStates = ReadonlyMap<string, ReadonlyMap<number, AccountState>>;

/** The account changes, and whether the account is disabled after each. */
const DISABLED_AFTER: Partial<Record<AuditAction, boolean>> = {
  'create-account': false,
  'change-account': false,
  'enable-account': false,
  'disable-account': true,
};

/** The deployment trail's events that an account makes itself, in its own session. */
const SESSION_ACTIONS: ReadonlySet<AuditAction> = new Set(['sign-in', 'sign-out', 'change-password']);

/** What a StaffRecord's event says of the account (audit-events.ts). */
const AccountWhatSchema = z
  .object({
    username: z.string().min(1),
    role: z.enum(STAFF_ROLES),
    elections: z.union([z.literal('all'), z.array(z.string())]),
    rev: z.number().int().positive(),
  })
  .loose();

const TRAIL = 'deployment trail';
/** "a clerk", "an admin", "an approve": the article a word takes. */
const article = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
const accountWhere = (username: string, rev: number) => `${TRAIL}: account ${username}, rev ${rev}`;

/**
 * Each account's state at each rev, from the account changes of the deployment's trail (in any
 * order: a state is found by its rev, not by its place), and what is wrong with them: a record
 * that names no valid state, or two changes that made the same rev.
 */
export function accountStatesOf(trail: readonly AuditEvent[]): {
  states: AccountStates;
  problems: ReplayProblem[];
} {
  const states = new Map<string, Map<number, AccountState>>();
  const problems: ReplayProblem[] = [];
  for (const event of trail) {
    const disabled = DISABLED_AFTER[event.action];
    if (disabled === undefined) continue;
    const what = AccountWhatSchema.safeParse(event.what);
    if (!what.success) {
      problems.push({
        where: `${TRAIL}: ${event.source}`,
        problem: `${article(event.action)} that names no valid account state`,
      });
      continue;
    }
    const { username, rev, role, elections } = what.data;
    const revs = states.get(username) ?? new Map<number, AccountState>();
    if (revs.has(rev)) {
      problems.push({
        where: accountWhere(username, rev),
        problem: 'two account changes both made this rev',
      });
      continue;
    }
    revs.set(rev, { username, rev, role, elections, disabled });
    states.set(username, revs);
  }
  return { states, problems };
}

/** What a write needs of the account that made it: a role, and an election or every election of some scopes. */
type Need = { role: StaffRole } & ({ election: string } | { covering: readonly StaffScope[] });

/**
 * Why the account's state at the rev the write names did not allow it, or undefined when it did.
 * The break-glass token and the terminal (a staff actor with no username) are an admin of every
 * election; an officer's credential makes no staff write.
 */
function refusal(actor: Actor, need: Need, states: AccountStates): string | undefined {
  if (actor.role !== 'staff')
    return `by an officer's credential (${actor.credential}), which makes no staff write`;
  if (actor.username === undefined)
    return actor.accountRev === undefined ? undefined : `under rev ${actor.accountRev} of no account`;
  const who = `by account ${actor.username}`;
  if (actor.accountRev === undefined) return `${who}, naming no rev of the account it was allowed under`;
  const under = `${who} under its rev ${actor.accountRev}`;
  const state = states.get(actor.username)?.get(actor.accountRev);
  if (!state)
    return `${under}, which the deployment's trail does not have (not chained yet: run again, with --wait; or never made)`;
  if (state.disabled) return `${under}, when the account was disabled`;
  if (!roleIncludes(state.role, need.role))
    return `${under}, when it was ${article(state.role)}: it needs ${article(need.role)}`;
  if ('election' in need && !scopeIncludes(state.elections, need.election))
    return `${under}, when its elections did not include ${need.election}`;
  if ('covering' in need && !need.covering.every((scope) => scopeCovers(state.elections, scope)))
    return `${under}, when its elections did not cover the account's`;
  return undefined;
}

const hasRole = (action: string): action is keyof typeof ROLE_NEEDED_FOR =>
  Object.hasOwn(ROLE_NEEDED_FOR, action);

/**
 * Whether each staff write of an election's trail was allowed to its account's role and scope
 * when it was made: the account's state at the rev the write names existed, was enabled, held
 * `ROLE_NEEDED_FOR` the action, and had the election. And a certification that two approved had
 * two different approvers. Officers' writes are judged by their codes (audit-replay.ts).
 */
export function staffWriteProblems(events: readonly AuditEvent[], states: AccountStates): ReplayProblem[] {
  const problems: ReplayProblem[] = [];
  for (const event of events) {
    if (event.actor.role !== 'staff') continue;
    const where = event.sectionId === undefined ? event.action : `section ${event.sectionId}`;
    if (event.actor.username !== undefined && !hasRole(event.action)) {
      problems.push({
        where,
        problem: `${article(event.action)} by account ${event.actor.username}: no staff role makes one`,
      });
      continue;
    }
    if (!hasRole(event.action)) continue;
    const why = refusal(
      event.actor,
      { role: ROLE_NEEDED_FOR[event.action], election: event.electionId },
      states,
    );
    if (why) problems.push({ where, problem: `${article(event.action)} ${why}` });
    const approvedBy = event.what.approvedBy;
    if (
      event.action === 'certify' &&
      approvedBy !== undefined &&
      approvedBy === (event.actor.username ?? event.actor.credential)
    )
      problems.push({
        where,
        problem: `a certification whose two approvals are both by ${String(approvedBy)}`,
      });
  }
  return problems;
}

/**
 * Whether each event of the deployment's trail was allowed: every account change made by an
 * admin (the break-glass token, the terminal, or an account that at the rev it names was an
 * enabled admin whose elections covered the changed account's, before the change and after);
 * every sign-in, sign-out and password change made by the account itself, at a rev of it that
 * the trail has and that was enabled.
 */
export function deploymentTrailProblems(
  trail: readonly AuditEvent[],
  states: AccountStates,
): ReplayProblem[] {
  const problems: ReplayProblem[] = [];
  for (const event of trail) {
    const what = AccountWhatSchema.safeParse(event.what);
    if (!what.success) continue; // reported by accountStatesOf, or not an account's event
    const { username, rev, elections } = what.data;
    const where = accountWhere(username, rev);
    if (DISABLED_AFTER[event.action] !== undefined) {
      const before = states.get(username)?.get(rev - 1);
      const covering = before ? [elections, before.elections] : [elections];
      const why = refusal(event.actor, { role: ROLE_NEEDED_FOR['staff-account'], covering }, states);
      if (why) problems.push({ where, problem: `${article(event.action)} ${why}` });
    } else if (SESSION_ACTIONS.has(event.action)) {
      const state = states.get(username)?.get(rev);
      if (event.actor.username !== username)
        problems.push({ where, problem: `${article(event.action)} not made by the account itself` });
      else if (!state)
        problems.push({
          where,
          problem: `${article(event.action)} under a rev the deployment's trail does not have (not chained yet: run again, with --wait; or never made)`,
        });
      else if (state.disabled)
        problems.push({ where, problem: `${article(event.action)} when the account was disabled` });
    }
  }
  return problems;
}
