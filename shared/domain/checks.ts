/**
 * Consistency checks of a section's count and turnout (docs/domain.md, Checks).
 *
 * Sources: Ministry of the Interior instruction booklets n. 20 and n. 21 (the order and
 * arithmetic of the tally sheet), TUEL arts. 71-73 (list and mayoral votes by population
 * band), and the open-source Eleonline project's checks. A failed check never blocks
 * saving: it flags the count so staff can review it (docs/domain.md, Checks).
 */
import type { ElectionHead, Section, TurnoutSlot } from './election.js';
import type {
  MunicipalResults,
  ReferendumResults,
  SectionResults,
  TurnoutReading,
} from './submission-bodies.js';
import { isReferendumResults } from './submission-bodies.js';

export type CheckCode = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'W1';

/** A failed check: errors flag the count, warnings only inform. */
export interface FailedCheck {
  code: CheckCode;
  severity: 'error' | 'warning';
  /** The candidate, list, council candidate, question or slot the failure is about. */
  subject?: string;
  message: { it: string; en: string };
}

/** Municipalities up to this population vote one list per candidate (TUEL art. 71). */
export const SMALL_MUNICIPALITY_MAX_POPULATION = 15_000;

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** True when a set of failed checks keeps a count out of the public totals. */
export const isFlagging = (checks: readonly FailedCheck[]) => checks.some((c) => c.severity === 'error');

/** R1: voters = candidate votes + blank + invalid + contested. */
export function checkBallotsSquare(r: MunicipalResults): FailedCheck[] {
  const accounted = sum(r.candidateVotes) + r.blankBallots + r.invalidBallots + r.contestedBallots;
  if (accounted === r.voters) return [];
  return [
    {
      code: 'R1',
      severity: 'error',
      message: {
        it: `I votanti (${r.voters}) non corrispondono a voti ai candidati sindaco + schede bianche, nulle e contestate (${accounted}).`,
        en: `Voters (${r.voters}) do not equal mayoral votes + blank, invalid and contested ballots (${accounted}).`,
      },
    },
  ];
}

/** R2: a candidate's mayor-only votes never exceed the candidate's votes. */
export function checkCandidateOnlyVotes(r: MunicipalResults): FailedCheck[] {
  return Object.entries(r.candidateOnlyVotes)
    .filter(([id, only]) => only > (r.candidateVotes[id] ?? 0))
    .map(([id, only]) => ({
      code: 'R2' as const,
      severity: 'error' as const,
      subject: id,
      message: {
        it: `I voti al solo sindaco di ${id} (${only}) superano i suoi voti (${r.candidateVotes[id] ?? 0}).`,
        en: `Mayor-only votes of ${id} (${only}) exceed the candidate's votes (${r.candidateVotes[id] ?? 0}).`,
      },
    }));
}

/**
 * R3: list votes and mayoral votes agree. Over 15,000 inhabitants split voting is allowed,
 * so only the totals must agree; up to 15,000 a list vote is also a vote for its candidate,
 * so the check holds per candidate.
 */
export function checkListVotes(
  head: Pick<ElectionHead, 'municipality' | 'lists' | 'candidates'>,
  r: MunicipalResults,
): FailedCheck[] {
  if (head.municipality.population > SMALL_MUNICIPALITY_MAX_POPULATION) {
    const lists = sum(r.listVotes);
    const only = sum(r.candidateOnlyVotes);
    const candidates = sum(r.candidateVotes);
    if (lists + only === candidates) return [];
    return [
      {
        code: 'R3',
        severity: 'error',
        message: {
          it: `Voti di lista (${lists}) + voti al solo sindaco (${only}) non corrispondono ai voti ai candidati sindaco (${candidates}).`,
          en: `List votes (${lists}) + mayor-only votes (${only}) do not equal mayoral votes (${candidates}).`,
        },
      },
    ];
  }
  return head.candidates.flatMap((candidate) => {
    const lists = head.lists
      .filter((l) => l.candidateId === candidate.id)
      .reduce((total, l) => total + (r.listVotes[l.id] ?? 0), 0);
    const only = r.candidateOnlyVotes[candidate.id] ?? 0;
    const votes = r.candidateVotes[candidate.id] ?? 0;
    if (lists + only === votes) return [];
    return [
      {
        code: 'R3' as const,
        severity: 'error' as const,
        subject: candidate.id,
        message: {
          it: `${candidate.name}: voti di lista (${lists}) + voti al solo sindaco (${only}) non corrispondono ai suoi voti (${votes}).`,
          en: `${candidate.name}: list votes (${lists}) + mayor-only votes (${only}) do not equal the candidate's votes (${votes}).`,
        },
      },
    ];
  });
}

/** R4: preferences never exceed what the list's ballots allow. */
export function checkPreferences(
  head: Pick<ElectionHead, 'lists' | 'maxPreferences'>,
  r: MunicipalResults,
): FailedCheck[] {
  const failures: FailedCheck[] = [];
  for (const list of head.lists) {
    const listVotes = r.listVotes[list.id] ?? 0;
    let listPreferences = 0;
    for (const councillor of list.councilCandidates ?? []) {
      const preferences = r.preferenceVotes[councillor.id] ?? 0;
      listPreferences += preferences;
      if (preferences > listVotes) {
        failures.push({
          code: 'R4',
          severity: 'error',
          subject: councillor.id,
          message: {
            it: `Le preferenze di ${councillor.name} (${preferences}) superano i voti della lista ${list.name} (${listVotes}).`,
            en: `Preferences of ${councillor.name} (${preferences}) exceed the votes of list ${list.name} (${listVotes}).`,
          },
        });
      }
    }
    const allowed = head.maxPreferences * listVotes;
    if (listPreferences > allowed) {
      failures.push({
        code: 'R4',
        severity: 'error',
        subject: list.id,
        message: {
          it: `Le preferenze della lista ${list.name} (${listPreferences}) superano ${head.maxPreferences} per voto di lista (${allowed}).`,
          en: `Preferences of list ${list.name} (${listPreferences}) exceed ${head.maxPreferences} per list vote (${allowed}).`,
        },
      });
    }
  }
  return failures;
}

/** R6: per question, yes + no + blank + invalid + contested = voters. */
export function checkReferendumBallots(r: ReferendumResults): FailedCheck[] {
  return Object.entries(r.answers).flatMap(([questionId, answer]) => {
    const accounted = answer.yes + answer.no + r.blankBallots + r.invalidBallots + r.contestedBallots;
    if (accounted === r.voters) return [];
    return [
      {
        code: 'R6' as const,
        severity: 'error' as const,
        subject: questionId,
        message: {
          it: `Quesito ${questionId}: sì + no + schede bianche, nulle e contestate (${accounted}) non corrispondono ai votanti (${r.voters}).`,
          en: `Question ${questionId}: yes + no + blank, invalid and contested ballots (${accounted}) do not equal voters (${r.voters}).`,
        },
      },
    ];
  });
}

/** W1: more voters than registered electors (a warning: staff and patients may vote there). */
export function checkRegisteredVoters(
  section: Pick<Section, 'registeredVoters'>,
  voters: number,
  subject?: string,
): FailedCheck[] {
  if (voters <= section.registeredVoters) return [];
  return [
    {
      code: 'W1',
      severity: 'warning',
      ...(subject ? { subject } : {}),
      message: {
        it: `I votanti (${voters}) superano gli elettori iscritti (${section.registeredVoters}).`,
        en: `Voters (${voters}) exceed the registered electors (${section.registeredVoters}).`,
      },
    },
  ];
}

/** Every check of a section's count. */
export function checkResults(
  head: ElectionHead,
  section: Pick<Section, 'registeredVoters'>,
  results: SectionResults,
  finalTurnout?: TurnoutReading,
): FailedCheck[] {
  // A run-off's count has the ballots and the two candidates' votes only: R1, R5 and W1.
  const checks = isReferendumResults(results)
    ? checkReferendumBallots(results)
    : head.kind === 'runoff'
      ? checkBallotsSquare(results)
      : [
          ...checkBallotsSquare(results),
          ...checkCandidateOnlyVotes(results),
          ...checkListVotes(head, results),
          ...checkPreferences(head, results),
        ];
  const finalSlot = head.turnoutSlots.find((s) => s.final);
  if (finalSlot && finalTurnout && finalTurnout.voters !== results.voters) {
    checks.push(finalTurnoutMismatch(finalSlot, finalTurnout.voters, results.voters));
  }
  return [...checks, ...checkRegisteredVoters(section, results.voters)];
}

function finalTurnoutMismatch(slot: TurnoutSlot, turnoutVoters: number, countVoters: number): FailedCheck {
  return {
    code: 'R5',
    severity: 'error',
    subject: slot.id,
    message: {
      it: `L'affluenza finale (${slot.label}: ${turnoutVoters}) non corrisponde ai votanti dello scrutinio (${countVoters}).`,
      en: `The final turnout (${slot.label}: ${turnoutVoters}) does not equal the voters of the count (${countVoters}).`,
    },
  };
}

/**
 * R5: a turnout reading is consistent with the section's other readings (they are
 * cumulative), with its male/female split, and, for the final slot, with the count.
 */
export function checkTurnout(
  slots: readonly TurnoutSlot[],
  slotId: string,
  reading: TurnoutReading,
  otherReadings: Readonly<Record<string, TurnoutReading>>,
  section: Pick<Section, 'registeredVoters'>,
  countVoters?: number,
): FailedCheck[] {
  const checks: FailedCheck[] = [];
  const index = slots.findIndex((s) => s.id === slotId);
  const slot = slots[index];
  if (!slot) return checks;
  const { votersMale: male, votersFemale: female } = reading;
  if (male !== undefined && female !== undefined && male + female !== reading.voters) {
    checks.push({
      code: 'R5',
      severity: 'error',
      subject: slotId,
      message: {
        it: `${slot.label}: maschi (${male}) + femmine (${female}) non corrispondono al totale (${reading.voters}).`,
        en: `${slot.label}: male (${male}) + female (${female}) do not equal the total (${reading.voters}).`,
      },
    });
  }
  slots.forEach((other, otherIndex) => {
    const otherReading = otherReadings[other.id];
    if (!otherReading || other.id === slotId) return;
    const decreases =
      otherIndex < index ? otherReading.voters > reading.voters : otherReading.voters < reading.voters;
    if (decreases) {
      checks.push({
        code: 'R5',
        severity: 'error',
        subject: slotId,
        message: {
          it: `${slot.label}: l'affluenza (${reading.voters}) è incoerente con ${other.label} (${otherReading.voters}); le letture sono cumulative.`,
          en: `${slot.label}: turnout (${reading.voters}) is inconsistent with ${other.label} (${otherReading.voters}); readings are cumulative.`,
        },
      });
    }
  });
  if (slot.final && countVoters !== undefined && countVoters !== reading.voters) {
    checks.push(finalTurnoutMismatch(slot, reading.voters, countVoters));
  }
  return [...checks, ...checkRegisteredVoters(section, reading.voters, slotId)];
}
