/**
 * The published summary (docs/interface.md, Published files), built from the election's head and its
 * total tally. Pure: the publisher only adds I/O around it.
 */
import type { AuditHead } from './audit-chain.js';
import type { ChangeEntry } from './change-list.js';
import type { Comparison } from './comparison.js';
import { publishableTally } from './counts-from.js';
import type { ElectionHead } from './election.js';
import { answerOutlook, mayorOutlook, type Outlook } from './outlook.js';
import { uncountedOf } from './outlook-tally.js';
import { percent } from './percent.js';
import type { PollingPlace } from './polling-places.js';
import { publicPaths, urlPathOf } from './public-paths.js';
import {
  DEFAULT_REFERENDUM_QUORUM_PERCENT,
  type Quorum,
  quorumOf,
  type ReferendumOutcome,
  referendumOutcome,
} from './referendum.js';
import { type RoundFigures, runoffOutcome } from './runoff-outcome.js';
import { seatInputOf } from './seat-input.js';
import { allocateSeats, rulesFor, type SeatOutcome } from './seats.js';
import { counter, type Tally } from './tally.js';

export type ResultsStatus = 'provisional' | 'final' | 'certified';

/** The totals only a count gives. */
export interface CountedTotals {
  voters: number;
  blankBallots: number;
  invalidBallots: number;
  contestedBallots: number;
  validVotes: number;
}

/** One publish's entries, as the page's box of the latest changes shows them (published-changes.ts). */
export interface RecentChanges {
  seq: number;
  generatedAt: string;
  /** The change list's URL path. */
  changes: string;
  entries: ChangeEntry[];
  /** Entries of that publish left out of `entries` (the change list has them all). */
  omitted: number;
}

export interface Summary {
  electionId: string;
  seq: number;
  generatedAt: string;
  status: ResultsStatus;
  rehearsal: boolean;
  name: string;
  kind: ElectionHead['kind'];
  municipality: ElectionHead['municipality'];
  sections: { total: number; reported: number };
  /** The earlier election the turnout is compared with, when the definition names one. */
  previousElection: string | null;
  turnout: {
    slotId: string;
    label: string;
    /** When the reading is taken (ISO 8601), when the definition says. */
    at: string | null;
    final: boolean;
    /** The turnout at the same time of `previousElection`, when the definition gives it. */
    previousPercent: number | null;
    sectionsReported: number;
    voters: number;
    registeredVoters: number;
    percent: number;
  }[];
  /** False before the definition's `countsFrom`: then no count is published (counts-from.ts). */
  countsPublished: boolean;
  /** The definition's `countsFrom`: when counts are published, or null when they always are. */
  countsFrom: string | null;
  /** Before `countsFrom` only `registeredVoters` is there. */
  totals: { registeredVoters: number } & Partial<CountedTotals>;
  /** `color`: the definition's, when it sets one (the page picks from its palette otherwise). */
  candidates: { id: string; name: string; color?: string; votes: number; percent: number }[];
  lists: { id: string; name: string; candidateId: string; color?: string; votes: number; percent: number }[];
  answers: {
    questionId: string;
    text: string;
    yes: number;
    no: number;
    percentYes: number;
    percentNo: number;
    /** Provisional until the status is final: the quorum can still be reached as sections report. */
    outcome: ReferendumOutcome;
  }[];
  /** Referendum only: whether enough electors voted. */
  quorum: Quorum | null;
  /**
   * The mayor and the council seats, or the run-off the first round requires (docs/domain.md), once
   * there are votes. A projection until every section has reported.
   */
  seats: (SeatOutcome & { projection: boolean }) | null;
  /** The two candidates of the run-off (ballottaggio), when the first round elects no mayor. */
  runoff: { candidateIds: [string, string] } | null;
  /** A first round whose run-off is defined: the URL path of the run-off's `latest.json`. */
  runoffRound: string | null;
  /**
   * A run-off's first round: where it is published, and the names of its candidates and lists,
   * which the council (`seats`, allocated from the first round's list votes) is about.
   */
  firstRound: {
    electionId: string;
    name: string;
    latest: string;
    candidates: { id: string; name: string }[];
    lists: { id: string; name: string; candidateId: string }[];
  } | null;
  /** What the uncounted ballots can still change, as exact bounds (outlook.ts). */
  outlook: Outlook;
  links: { sections: string; definition: string; csv: string };
  /** The URL path of this publish's change list: what moved the totals since the previous seq. */
  changes: string | null;
  /**
   * The head of the election's audit chain when this was published: `npm run verify-audit`
   * checks that the chain still leads here, so a published head pins every write before it.
   */
  audit: AuditHead | null;
  /** The latest publishes' changes, newest first (at most a few entries). */
  recentChanges: RecentChanges[];
  /** The polling places on the page's map, when the definition locates its sections (polling-places.ts). */
  places?: PollingPlace[];
  /**
   * The comparison with `previousElection` when it is an election this system published
   * (comparison.ts); null when it is not. Absent from snapshots published before it existed.
   */
  comparison?: Comparison | null;
}

export interface SummaryContext {
  seq: number;
  generatedAt: string;
  certified: boolean;
  paths: Summary['links'];
  changes?: string | undefined;
  audit?: AuditHead | undefined;
  /** Whether counts are published (counts-from.ts); true when absent. */
  countsShown?: boolean;
  recentChanges?: RecentChanges[];
  /** A run-off's first round: its head and totals, which the council is allocated from. */
  firstRound?: RoundFigures | undefined;
  /** A first round's run-off, once defined: its election id. */
  runoffId?: string | undefined;
}

const latestOf = (electionId: string) => urlPathOf(publicPaths(electionId).pointer);

export function buildSummary(head: ElectionHead, stored: Tally, context: SummaryContext): Summary {
  const countsShown = context.countsShown ?? true;
  const total = publishableTally(stored, countsShown);
  const count = (key: string) => total[key] ?? 0;
  const reported = count(counter.sections);
  const voters = count(counter.voters);
  const blankBallots = count(counter.blank);
  const invalidBallots = count(counter.invalid);
  const contestedBallots = count(counter.contested);

  const candidateVotes = head.candidates.map((c) => count(counter.candidate(c.id)));
  const candidateTotal = candidateVotes.reduce((a, b) => a + b, 0);
  const listVotes = head.lists.map((l) => count(counter.list(l.id)));
  const listTotal = listVotes.reduce((a, b) => a + b, 0);

  const seats = head.kind === 'municipal' ? allocateSeats(seatInputOf(head, total)) : null;

  const quorum =
    head.kind === 'referendum'
      ? quorumOf(
          voters,
          head.registeredVoters,
          head.quorumPercent ?? DEFAULT_REFERENDUM_QUORUM_PERCENT,
          percent(voters, head.registeredVoters),
        )
      : null;

  const uncounted = uncountedOf(total, {
    registeredVoters: head.registeredVoters,
    sectionCount: head.sectionCount,
    finalSlotId: head.turnoutSlots.find((slot) => slot.final === true)?.id,
  });
  // A run-off's mayor and council (TUEL arts. 72 c. 9, 73 c. 10): runoff-outcome.ts.
  const runoff =
    head.kind === 'runoff' && context.firstRound
      ? runoffOutcome(
          { head, total },
          context.firstRound,
          reported === head.sectionCount,
          uncounted.uncountedAtMost,
        )
      : null;
  const outlook: Outlook = {
    ...uncounted,
    mayor: runoff
      ? runoff.mayor
      : head.kind === 'municipal'
        ? mayorOutlook(
            rulesFor(head.municipality.population).mayor.winsWith,
            head.candidates.map((c, i) => ({ id: c.id, votes: candidateVotes[i] ?? 0 })),
            uncounted.uncountedAtMost,
          )
        : null,
    answers:
      head.kind === 'referendum'
        ? head.questions.map((q) =>
            answerOutlook(
              q.id,
              { yes: count(counter.yes(q.id)), no: count(counter.no(q.id)) },
              uncounted.uncountedAtMost,
              quorum?.reached ?? false,
            ),
          )
        : [],
  };

  const status: ResultsStatus = context.certified
    ? 'certified'
    : reported === head.sectionCount
      ? 'final'
      : 'provisional';

  return {
    electionId: head.id,
    seq: context.seq,
    generatedAt: context.generatedAt,
    status,
    rehearsal: head.rehearsal,
    name: head.name,
    kind: head.kind,
    municipality: head.municipality,
    sections: { total: head.sectionCount, reported },
    previousElection: head.previousElection ?? null,
    turnout: head.turnoutSlots.map((slot) => {
      const slotVoters = count(counter.turnoutVoters(slot.id));
      const registeredVoters = count(counter.turnoutRegistered(slot.id));
      return {
        slotId: slot.id,
        label: slot.label,
        at: slot.at ?? null,
        final: slot.final === true,
        previousPercent: slot.previousPercent ?? null,
        sectionsReported: count(counter.turnoutSections(slot.id)),
        voters: slotVoters,
        registeredVoters,
        percent: percent(slotVoters, registeredVoters),
      };
    }),
    countsPublished: countsShown,
    countsFrom: head.countsFrom ?? null,
    totals: countsShown
      ? {
          registeredVoters: head.registeredVoters,
          voters,
          blankBallots,
          invalidBallots,
          contestedBallots,
          validVotes: voters - blankBallots - invalidBallots - contestedBallots,
        }
      : { registeredVoters: head.registeredVoters },
    candidates: head.candidates.map((c, i) => ({
      id: c.id,
      name: c.name,
      ...(c.color ? { color: c.color } : {}),
      votes: candidateVotes[i] ?? 0,
      percent: percent(candidateVotes[i] ?? 0, candidateTotal),
    })),
    // No list is voted at a run-off: its council's lists are the first round's (`seats`, `firstRound`).
    lists: (head.kind === 'runoff' ? [] : head.lists).map((l, i) => ({
      id: l.id,
      name: l.name,
      candidateId: l.candidateId,
      ...(l.color ? { color: l.color } : {}),
      votes: listVotes[i] ?? 0,
      percent: percent(listVotes[i] ?? 0, listTotal),
    })),
    answers: head.questions.map((q) => {
      const yes = count(counter.yes(q.id));
      const no = count(counter.no(q.id));
      return {
        questionId: q.id,
        text: q.text,
        yes,
        no,
        percentYes: percent(yes, yes + no),
        percentNo: percent(no, yes + no),
        outcome: quorum ? referendumOutcome(yes, no, quorum) : 'no-votes',
      };
    }),
    quorum,
    seats: !countsShown
      ? null
      : runoff
        ? runoff.seats && { ...runoff.seats, projection: status === 'provisional' }
        : seats
          ? { ...seats, projection: status === 'provisional' }
          : null,
    runoff: seats?.outcome === 'runoff' && countsShown ? seats.runoff : null,
    runoffRound: context.runoffId ? latestOf(context.runoffId) : null,
    firstRound: context.firstRound
      ? {
          electionId: context.firstRound.head.id,
          name: context.firstRound.head.name,
          latest: latestOf(context.firstRound.head.id),
          candidates: context.firstRound.head.candidates.map((c) => ({ id: c.id, name: c.name })),
          lists: context.firstRound.head.lists.map((l) => ({
            id: l.id,
            name: l.name,
            candidateId: l.candidateId,
          })),
        }
      : null,
    outlook,
    links: context.paths,
    changes: context.changes ?? null,
    audit: context.audit ?? null,
    recentChanges: context.recentChanges ?? [],
    ...(head.places?.length ? { places: head.places } : {}),
  };
}
