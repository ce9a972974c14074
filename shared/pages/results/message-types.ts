/** What the results page says, in each of its languages: the shape every dictionary fills. */
import type { ChangeKind } from '../../domain/change-list.js';
import type { Summary } from '../../domain/summary.js';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Outcome = Summary['answers'][number]['outcome'];

export interface Messages {
  locale: string;
  results: string;
  rehearsalBanner: string;
  rehearsalTitle: string;
  skipToResults: string;
  otherLanguage: { name: string };
  languageNav: string;
  status: Record<Summary['status'], string>;
  updated: string;
  sectionsReported: (reported: string, total: string) => string;
  ofSections: (reported: string, total: string) => string;
  turnout: string;
  turnoutHeaders: (previousElection: string | null) => string[];
  resultsHeading: string;
  candidatesCaption: string;
  listsCaption: string;
  candidateHeaders: string[];
  listHeaders: string[];
  mayorAndCouncil: string;
  mayorOnly: string;
  projectionNote: string;
  runoff: (first: string, second: string) => string;
  mayorElected: (name: string, percent: string, projection: boolean) => string;
  coalitionSeatsCaption: string;
  coalitionHeaders: string[];
  majorityBonus: string;
  listSeatsCaption: string;
  listSeatHeaders: string[];
  councillorsFromCandidates: (names: string) => string;
  referendum: string;
  quorum: (required: string, turnout: string, reached: boolean) => string;
  answersCaption: string;
  answerHeaders: string[];
  outcome: Record<Outcome, string>;
  outlook: {
    heading: string;
    elected: (name: string) => string;
    runoffBetween: (first: string, second: string) => string;
    runoff: string;
    open: string;
    answer: (question: string, status: 'yes' | 'no' | 'open') => string;
    remaining: (count: string, exact: boolean) => string;
    nothingLeft: string;
  };
  /** Before the close of the polls: when counts will appear, or that they will later. */
  countsWithheld: (time: string, day: string) => string;
  countsWithheldNoTime: string;
  changes: {
    heading: string;
    none: string;
    publish: (seq: string, time: string) => string;
    headers: string[];
    section: (id: string) => string;
    totals: string;
    results: string;
    turnout: (slot: string) => string;
    kind: Record<ChangeKind, string>;
    /** Why a figure went down, by the kind of the change that lowered it. */
    whyDown: Record<ChangeKind, string>;
    reason: (reason: string) => string;
    figures: Record<
      'sectionsReported' | 'voters' | 'validVotes' | 'blankBallots' | 'invalidBallots' | 'contestedBallots',
      string
    >;
    yes: (question: string) => string;
    no: (question: string) => string;
    omitted: (count: string) => string;
    fullList: string;
  };
  /** The page's pictures (charts/): titles, descriptions and legends. */
  pictures: {
    seatsTitle: string;
    seatsDescription: (total: string, parts: string) => string;
    seats: (name: string, seats: number, formatted: string) => string;
    candidatesTitle: string;
    listsTitle: string;
    votesDescription: (parts: string) => string;
    turnoutTitle: string;
    turnoutDescription: (parts: string) => string;
    thisElection: string;
    mapTitle: string;
    mapDescription: (count: number) => string;
    placesCaption: string;
    place: (number: number, name: string) => string;
    section: (id: string) => string;
  };
  /** The comparison with the previous election (comparison.ts). */
  comparison: {
    heading: (name: string) => string;
    intro: string;
    unit: string;
    turnoutCaption: string;
    candidatesCaption: string;
    listsCaption: string;
    headers: (first: string, previous: string) => string[];
    section: (name: string) => string;
  };
  ballots: string;
  ballotsCaption: string;
  ballotHeaders: string[];
  ballotRows: {
    registeredVoters: string;
    voters: string;
    validVotes: string;
    blankBallots: string;
    invalidBallots: string;
    contestedBallots: string;
  };
  drillDown: string;
  drillDownLabel: string;
  drillDownHint: string;
  drillDownButton: string;
  drillDownNoScript: (pathPattern: string) => string;
  drillDownSearching: string;
  drillDownNotFound: (query: string) => string;
  drillDownMatches: (count: number, query: string) => string;
  drillDownFailed: string;
  section: {
    district: string;
    registeredVoters: string;
    status: Record<'reported' | 'in-review' | 'not-reported', string>;
    turnoutCaption: string;
    turnoutHeaders: string[];
    ballotsCaption: string;
    candidatesCaption: string;
    listsCaption: string;
    answersCaption: string;
    votes: string;
    version: (version: number) => string;
  };
  openData: string;
  openDataIntro: string;
  downloads: { summaryJson: string; summaryCsv: string; pointer: string; definition: string };
  footer: (municipality: string) => string;
  live: {
    updated: (time: string, reported: string, total: string) => string;
    retrying: (seconds: number) => string;
  };
}
