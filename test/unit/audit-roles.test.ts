import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor.js';
import type { AuditAction, AuditEvent } from '../../shared/domain/audit-events.js';
import {
  type AccountStates,
  accountStatesOf,
  deploymentTrailProblems,
  staffWriteProblems,
} from '../../shared/domain/audit-roles.js';
import {
  ROLE_NEEDED_FOR,
  roleIncludes,
  STAFF_ROLES,
  type StaffRole,
  type StaffScope,
  scopeCovers,
  scopeIncludes,
} from '../../shared/domain/staff.js';

const breakGlass: Actor = { role: 'staff', credential: 'a1b2c3d4e5f6' };
const terminal: Actor = { role: 'staff', credential: 'terminal:maria' };
const officer: Actor = { role: 'officer', credential: '0a1b2c3d4e5f', sectionId: '1' };
const account = (username: string, accountRev: number): Actor => ({
  role: 'staff',
  credential: `session-${username}`,
  username,
  accountRev,
});

let sources = 0;
const event = (
  electionId: string,
  action: AuditAction,
  actor: Actor,
  what: Record<string, unknown>,
  sectionId?: string,
): AuditEvent => ({
  electionId,
  ...(sectionId !== undefined ? { sectionId } : {}),
  action,
  at: '2026-05-24T08:00:00.000Z',
  actor,
  what,
  source: `source-${++sources}`,
  contentHash: 'x',
});

/** An account change in the deployment's trail: the account's state after it. */
const change = (
  action: 'create-account' | 'change-account' | 'disable-account' | 'enable-account',
  username: string,
  rev: number,
  role: StaffRole,
  elections: StaffScope,
  by: Actor = breakGlass,
) => event('~deployment', action, by, { username, name: `Name of ${username}`, role, elections, rev });

const session = (action: 'sign-in' | 'sign-out' | 'change-password', username: string, rev: number) =>
  event(
    '~deployment',
    action,
    { role: 'staff', credential: `session-${username}`, username },
    { username, name: `Name of ${username}`, role: 'viewer', elections: 'all', rev, session: 'abc' },
  );

/** A write to election "e". */
const write = (action: AuditAction, actor: Actor, sectionId?: string, what: Record<string, unknown> = {}) =>
  event('e', action, actor, what, sectionId);

const statesOf = (trail: AuditEvent[]) => {
  const { states, problems } = accountStatesOf(trail);
  expect(problems).toEqual([]);
  return states;
};

/** Ada: a viewer of "e" (rev 1), made a clerk (rev 2), moved to "f" (rev 3), disabled (rev 4). */
const adaTrail = [
  change('create-account', 'ada', 1, 'viewer', ['e']),
  change('change-account', 'ada', 2, 'clerk', ['e']),
  change('change-account', 'ada', 3, 'clerk', ['f']),
  change('disable-account', 'ada', 4, 'clerk', ['f']),
];

describe("whether each staff account's write was allowed to its role and scope when it was made", () => {
  it('given a clerk’s approval under the rev that made it a clerk of the election, then it was allowed', () => {
    const states = statesOf(adaTrail);
    expect(staffWriteProblems([write('approve', account('ada', 2), '2')], states)).toEqual([]);
  });

  it('given the same approval under the rev when it was a viewer, then it is reported', () => {
    const states = statesOf(adaTrail);
    expect(staffWriteProblems([write('approve', account('ada', 1), '2')], states)).toEqual([
      {
        where: 'section 2',
        problem: 'an approve by account ada under its rev 1, when it was a viewer: it needs a clerk',
      },
    ]);
  });

  it('given a write under a rev whose elections did not include the election, then it is reported', () => {
    const states = statesOf(adaTrail);
    expect(staffWriteProblems([write('reopen', account('ada', 3), '2')], states)).toEqual([
      {
        where: 'section 2',
        problem: 'a reopen by account ada under its rev 3, when its elections did not include e',
      },
    ]);
  });

  it('given a write under a disabled rev, under a rev the trail lacks, or naming no rev, then each is reported', () => {
    const states = statesOf(adaTrail);
    const problems = staffWriteProblems(
      [
        write('issue-credential', account('ada', 4), '1'),
        write('issue-credential', account('ada', 9), '2'),
        write('issue-credential', account('nobody', 1), '3'),
        write('issue-credential', { role: 'staff', credential: 'c', username: 'ada' }, '4'),
      ],
      states,
    );
    expect(problems.map((p) => p.where)).toEqual(['section 1', 'section 2', 'section 3', 'section 4']);
    expect(problems[0]?.problem).toMatch(/rev 4, when the account was disabled/);
    expect(problems[1]?.problem).toMatch(/rev 9, which the deployment's trail does not have/);
    expect(problems[2]?.problem).toMatch(/account nobody under its rev 1, which the deployment's trail/);
    expect(problems[3]?.problem).toMatch(/naming no rev/);
  });

  it('given a clerk’s certification or approval of one, then each is reported; a supervisor’s pair is allowed', () => {
    const states = statesOf([
      ...adaTrail,
      change('create-account', 'sam', 1, 'supervisor', 'all'),
      change('create-account', 'sue', 1, 'supervisor', ['e']),
    ]);
    expect(
      staffWriteProblems(
        [write('certify-approval', account('ada', 2)), write('certify', account('ada', 2))],
        states,
      ),
    ).toEqual([
      {
        where: 'certify-approval',
        problem:
          'a certify-approval by account ada under its rev 2, when it was a clerk: it needs a supervisor',
      },
      {
        where: 'certify',
        problem: 'a certify by account ada under its rev 2, when it was a clerk: it needs a supervisor',
      },
    ]);
    expect(
      staffWriteProblems(
        [
          write('certify-approval', account('sam', 1)),
          write('certify', account('sue', 1), undefined, { approvedBy: 'sam' }),
        ],
        states,
      ),
    ).toEqual([]);
  });

  it('given a certification whose two approvals are by one supervisor, then it is reported', () => {
    const states = statesOf([change('create-account', 'sam', 1, 'supervisor', 'all')]);
    expect(
      staffWriteProblems([write('certify', account('sam', 1), undefined, { approvedBy: 'sam' })], states),
    ).toEqual([{ where: 'certify', problem: 'a certification whose two approvals are both by sam' }]);
  });

  it('given a definition, it needs an admin of the election', () => {
    const states = statesOf([
      change('create-account', 'sam', 1, 'supervisor', 'all'),
      change('create-account', 'eve', 1, 'admin', ['e']),
      change('create-account', 'fay', 1, 'admin', ['f']),
    ]);
    const problems = staffWriteProblems(
      [
        write('define', account('sam', 1)),
        write('define', account('eve', 1)),
        write('define', account('fay', 1)),
      ],
      states,
    );
    expect(problems.map((p) => p.problem)).toEqual([
      'a define by account sam under its rev 1, when it was a supervisor: it needs an admin',
      'a define by account fay under its rev 1, when its elections did not include e',
    ]);
  });

  it('given a submission under an account, then it is reported: only a section’s officer submits', () => {
    const states = statesOf([change('create-account', 'eve', 1, 'admin', 'all')]);
    expect(staffWriteProblems([write('submit', account('eve', 1), '1')], states)).toEqual([
      { where: 'section 1', problem: 'a submit by account eve: no staff role makes one' },
    ]);
  });

  it('given the break-glass token, the terminal or an officer, then this judge leaves them be, whatever the trail (property)', () => {
    const actions = Object.keys(ROLE_NEEDED_FOR).filter((a) => a !== 'staff-account') as AuditAction[];
    fc.assert(
      fc.property(
        fc.constantFrom(...actions, 'submit', 'correct'),
        fc.constantFrom(breakGlass, terminal, officer),
        fc.boolean(),
        (action, actor, withTrail) => {
          const states = withTrail ? statesOf(adaTrail) : new Map();
          expect(staffWriteProblems([write(action, actor, '1')], states)).toEqual([]);
        },
      ),
    );
  });

  it('given any role, then an account’s write is allowed exactly when that role includes the one the action needs (property)', () => {
    const actions = Object.keys(ROLE_NEEDED_FOR).filter(
      (a) => a !== 'staff-account',
    ) as (keyof typeof ROLE_NEEDED_FOR & AuditAction)[];
    fc.assert(
      fc.property(fc.constantFrom(...actions), fc.constantFrom(...STAFF_ROLES), (action, role) => {
        const states = statesOf([change('create-account', 'kim', 1, role, ['e'])]);
        const problems = staffWriteProblems([write(action, account('kim', 1), '1')], states);
        expect(problems.length === 0).toBe(roleIncludes(role, ROLE_NEEDED_FOR[action]));
      }),
    );
  });
});

/** A model of the accounts: each account's states, rev n at index n-1. */
interface ModelState {
  role: StaffRole;
  elections: StaffScope;
  disabled: boolean;
}
const USERS = ['ada', 'bob', 'cy'];
const scopeArb: fc.Arbitrary<StaffScope> = fc.oneof(
  fc.constant('all' as const),
  fc.subarray(['e', 'f', 'g'], { minLength: 1 }),
);
const stateArb = fc.record({
  role: fc.constantFrom(...STAFF_ROLES),
  elections: scopeArb,
  disabled: fc.boolean(),
});
const modelArb = fc.tuple(...USERS.map(() => fc.array(stateArb, { minLength: 1, maxLength: 4 })));
/** A reference to an account's rev, or to one that may not exist. */
const refArb = fc.record({
  username: fc.constantFrom(...USERS, 'ghost'),
  rev: fc.integer({ min: 1, max: 5 }),
});
const stateIn = (model: ModelState[][], ref: { username: string; rev: number }) =>
  model[USERS.indexOf(ref.username)]?.[ref.rev - 1];

/** The model as account changes of the deployment's trail (the first state enabled: it is a creation). */
function trailOf(model: ModelState[][], byOf: (username: string, rev: number) => Actor = () => breakGlass) {
  return model.flatMap((states, u) => {
    const username = USERS[u] ?? '';
    return states.map((state, i) => {
      const action =
        i === 0
          ? 'create-account'
          : state.disabled
            ? 'disable-account'
            : states[i - 1]?.disabled
              ? 'enable-account'
              : 'change-account';
      return change(action, username, i + 1, state.role, state.elections, byOf(username, i + 1));
    });
  });
}
/** In the model the first state is always enabled: a creation makes an enabled account. */
const normalised = (model: ModelState[][]) =>
  model.map((states) => states.map((s, i) => (i === 0 ? { ...s, disabled: false } : s)));

/** A fixed shuffle of the trail, by a seed per event. */
const shuffled = <T>(items: T[], seeds: number[]) =>
  items
    .map((item, i) => ({ item, seed: seeds[i % Math.max(1, seeds.length)] ?? 0, i }))
    .sort((a, b) => a.seed - b.seed || a.i - b.i)
    .map(({ item }) => item);

describe('against a model of the accounts (property)', () => {
  it('given any accounts’ histories and any writes, then exactly the writes the model refuses are reported, whatever the trail’s order', () => {
    const actions = Object.keys(ROLE_NEEDED_FOR).filter(
      (a) => a !== 'staff-account',
    ) as (keyof typeof ROLE_NEEDED_FOR & AuditAction)[];
    fc.assert(
      fc.property(
        modelArb.map(normalised),
        fc.array(
          fc.record({
            ref: refArb,
            action: fc.constantFrom(...actions),
            election: fc.constantFrom('e', 'f', 'g'),
          }),
          {
            maxLength: 12,
          },
        ),
        fc.array(fc.integer(), { minLength: 1, maxLength: 20 }),
        (model, writes, seeds) => {
          const { states, problems } = accountStatesOf(shuffled(trailOf(model), seeds));
          const events = writes.map((w, i) =>
            event(w.election, w.action, account(w.ref.username, w.ref.rev), {}, `s${i}`),
          );
          const refused = writes.flatMap((w, i) => {
            const state = stateIn(model, w.ref);
            const allowed =
              state !== undefined &&
              !state.disabled &&
              roleIncludes(state.role, ROLE_NEEDED_FOR[w.action]) &&
              scopeIncludes(state.elections, w.election);
            return allowed ? [] : [`section s${i}`];
          });
          expect(problems).toEqual([]);
          expect(staffWriteProblems(events, states).map((p) => p.where)).toEqual(refused);
        },
      ),
    );
  });

  it('given any accounts’ histories each change made by anyone, then exactly the changes the model says no admin made are reported', () => {
    fc.assert(
      fc.property(
        modelArb.map(normalised),
        fc.array(fc.option(refArb, { nil: undefined }), { minLength: 12, maxLength: 12 }),
        (model, bys) => {
          // Each change's author: the break-glass token (undefined) or some account's rev.
          const byOf = (username: string, rev: number) => {
            const ref = bys[USERS.indexOf(username) * 4 + rev - 1];
            return ref ? account(ref.username, ref.rev) : breakGlass;
          };
          const trail = trailOf(model, byOf);
          const { states } = accountStatesOf(trail);
          const expected = model.flatMap((history, u) =>
            history.flatMap((state, i) => {
              const ref = bys[u * 4 + i];
              if (!ref) return [];
              const admin = stateIn(model, ref);
              const before = history[i - 1];
              const allowed =
                admin !== undefined &&
                !admin.disabled &&
                admin.role === 'admin' &&
                scopeCovers(admin.elections, state.elections) &&
                (before === undefined || scopeCovers(admin.elections, before.elections));
              return allowed ? [] : [`deployment trail: account ${USERS[u]}, rev ${i + 1}`];
            }),
          );
          expect(deploymentTrailProblems(trail, states).map((p) => p.where)).toEqual(expected);
        },
      ),
    );
  });
});

describe("whether each event of the deployment's trail was allowed", () => {
  const adminTrail = [
    change('create-account', 'root', 1, 'admin', 'all'),
    change('create-account', 'local', 1, 'admin', ['e'], account('root', 1)),
    change('create-account', 'ada', 1, 'clerk', ['e'], account('local', 1)),
  ];

  it('given accounts made by the break-glass token, the terminal, an admin of all and an admin within its scope, then all were allowed', () => {
    const trail = [...adminTrail, change('create-account', 'bo', 1, 'viewer', 'all', terminal)];
    expect(deploymentTrailProblems(trail, statesOf(trail))).toEqual([]);
  });

  it('given a scoped admin changing an account beyond its scope, before or after the change, then it is reported', () => {
    const trail = [
      ...adminTrail,
      change('create-account', 'fy', 1, 'clerk', ['f'], account('root', 1)),
      // Taking an account of "f" into "e", and giving one of "e" every election.
      change('change-account', 'fy', 2, 'clerk', ['e'], account('local', 1)),
      change('change-account', 'ada', 2, 'clerk', 'all', account('local', 1)),
    ];
    expect(deploymentTrailProblems(trail, statesOf(trail))).toEqual([
      {
        where: 'deployment trail: account fy, rev 2',
        problem:
          "a change-account by account local under its rev 1, when its elections did not cover the account's",
      },
      {
        where: 'deployment trail: account ada, rev 2',
        problem:
          "a change-account by account local under its rev 1, when its elections did not cover the account's",
      },
    ]);
  });

  it('given an account change by a clerk, by a disabled admin, by an officer or by an unknown rev, then each is reported', () => {
    const trail = [
      ...adminTrail,
      change('disable-account', 'local', 2, 'admin', ['e'], account('root', 1)),
      change('change-account', 'ada', 2, 'supervisor', ['e'], account('ada', 1)),
      change('change-account', 'ada', 3, 'supervisor', ['e'], account('local', 2)),
      change('change-account', 'ada', 4, 'viewer', ['e'], officer),
      change('change-account', 'ada', 5, 'clerk', ['e'], account('root', 7)),
    ];
    expect(deploymentTrailProblems(trail, statesOf(trail)).map((p) => p.problem)).toEqual([
      'a change-account by account ada under its rev 1, when it was a clerk: it needs an admin',
      'a change-account by account local under its rev 2, when the account was disabled',
      "a change-account by an officer's credential (0a1b2c3d4e5f), which makes no staff write",
      "a change-account by account root under its rev 7, which the deployment's trail does not have (not chained yet: run again, with --wait; or never made)",
    ]);
  });

  it('given sign-ins, password changes and sign-outs, then each is the account’s own, at an enabled rev it had', () => {
    const trail = [
      ...adminTrail,
      change('disable-account', 'ada', 2, 'clerk', ['e']),
      session('sign-in', 'ada', 1),
      session('change-password', 'ada', 1),
      session('sign-out', 'ada', 1),
      session('sign-in', 'ada', 2),
      session('sign-in', 'ada', 3),
      {
        ...session('sign-in', 'ada', 1),
        actor: { role: 'staff' as const, credential: 'x', username: 'root' },
      },
    ];
    expect(deploymentTrailProblems(trail, statesOf(trail))).toEqual([
      { where: 'deployment trail: account ada, rev 2', problem: 'a sign-in when the account was disabled' },
      {
        where: 'deployment trail: account ada, rev 3',
        problem:
          "a sign-in under a rev the deployment's trail does not have (not chained yet: run again, with --wait; or never made)",
      },
      { where: 'deployment trail: account ada, rev 1', problem: 'a sign-in not made by the account itself' },
    ]);
  });

  it('given two changes that made one rev, or a change naming no valid state, then the states say so', () => {
    const { states, problems } = accountStatesOf([
      change('create-account', 'ada', 1, 'clerk', ['e']),
      change('create-account', 'ada', 1, 'admin', 'all'),
      event('~deployment', 'change-account', breakGlass, {
        username: 'ada',
        role: 'overlord',
        elections: 'all',
        rev: 2,
      }),
    ]);
    expect(problems.map((p) => p.problem)).toEqual([
      'two account changes both made this rev',
      'a change-account that names no valid account state',
    ]);
    // The first state of a rev stands: a second cannot raise what a write was allowed.
    expect((states as AccountStates).get('ada')?.get(1)?.role).toBe('clerk');
    expect(states.get('ada')?.has(2)).toBe(false);
  });
});
