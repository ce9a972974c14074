/**
 * A tally is a flat map of named counters: what one section contributes to the totals,
 * or the totals themselves. Being flat, tallies add and subtract key by key, which keeps
 * the aggregation a sum of deltas that can be checked by properties.
 */
import type { TurnoutReading } from './submission-bodies.js';
import { isReferendumResults, type SectionResults } from './submission-bodies.js';

export type Tally = Record<string, number>;

/** Counter names. Ids never contain a dot, so these keys never collide. */
export const counter = {
  sections: 'sections',
  registered: 'registered',
  voters: 'voters',
  blank: 'blank',
  invalid: 'invalid',
  contested: 'contested',
  candidate: (id: string) => `candidate.${id}`,
  candidateOnly: (id: string) => `candidateOnly.${id}`,
  list: (id: string) => `list.${id}`,
  preference: (id: string) => `preference.${id}`,
  yes: (questionId: string) => `yes.${questionId}`,
  no: (questionId: string) => `no.${questionId}`,
  turnoutSections: (slotId: string) => `turnout.${slotId}.sections`,
  turnoutVoters: (slotId: string) => `turnout.${slotId}.voters`,
  turnoutRegistered: (slotId: string) => `turnout.${slotId}.registered`,
} as const;

function put(tally: Tally, key: string, value: number) {
  if (value !== 0) tally[key] = (tally[key] ?? 0) + value;
}

/** What a section's counted result adds to the totals. */
export function tallyOfResults(results: SectionResults, registeredVoters: number): Tally {
  const tally: Tally = {};
  put(tally, counter.sections, 1);
  put(tally, counter.registered, registeredVoters);
  put(tally, counter.voters, results.voters);
  put(tally, counter.blank, results.blankBallots);
  put(tally, counter.invalid, results.invalidBallots);
  put(tally, counter.contested, results.contestedBallots);
  if (isReferendumResults(results)) {
    for (const [id, answer] of Object.entries(results.answers)) {
      put(tally, counter.yes(id), answer.yes);
      put(tally, counter.no(id), answer.no);
    }
    return tally;
  }
  for (const [id, votes] of Object.entries(results.candidateVotes)) put(tally, counter.candidate(id), votes);
  for (const [id, votes] of Object.entries(results.candidateOnlyVotes))
    put(tally, counter.candidateOnly(id), votes);
  for (const [id, votes] of Object.entries(results.listVotes)) put(tally, counter.list(id), votes);
  for (const [id, votes] of Object.entries(results.preferenceVotes))
    put(tally, counter.preference(id), votes);
  return tally;
}

/** What a section's counted turnout reading for one slot adds to the totals. */
export function tallyOfTurnout(slotId: string, reading: TurnoutReading, registeredVoters: number): Tally {
  const tally: Tally = {};
  put(tally, counter.turnoutSections(slotId), 1);
  put(tally, counter.turnoutVoters(slotId), reading.voters);
  put(tally, counter.turnoutRegistered(slotId), registeredVoters);
  return tally;
}

/** a + b, key by key; zero counters are left out, whichever side they came from. */
export function addTallies(a: Tally, b: Tally): Tally {
  const result: Tally = {};
  for (const tally of [a, b]) {
    for (const [key, value] of Object.entries(tally)) {
      const next = (result[key] ?? 0) + value;
      if (next === 0) delete result[key];
      else result[key] = next;
    }
  }
  return result;
}

/** a - b, key by key: the delta that turns b into a. */
export function subtractTallies(a: Tally, b: Tally): Tally {
  const negated: Tally = {};
  for (const [key, value] of Object.entries(b)) negated[key] = -value;
  return addTallies(a, negated);
}

/** The sum of many tallies. */
export function sumTallies(tallies: Iterable<Tally>): Tally {
  let total: Tally = {};
  for (const tally of tallies) total = addTallies(total, tally);
  return total;
}

export const isEmptyTally = (tally: Tally) => Object.keys(tally).length === 0;

/** The counters on which two tallies disagree, with both values. */
export function diffTallies(
  expected: Tally,
  actual: Tally,
): { counter: string; expected: number; actual: number }[] {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return keys
    .map((key) => ({ counter: key, expected: expected[key] ?? 0, actual: actual[key] ?? 0 }))
    .filter((d) => d.expected !== d.actual);
}
