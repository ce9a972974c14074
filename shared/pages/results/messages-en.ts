/** The results page in English. */
import type { Messages } from './message-types.js';

export const en: Messages = {
  locale: 'en-GB',
  results: 'Results',
  rehearsalBanner: 'REHEARSAL — TEST DATA, NOT REAL RESULTS',
  rehearsalTitle: 'REHEARSAL',
  skipToResults: 'Skip to the results',
  otherLanguage: { name: 'Italiano' },
  languageNav: 'Language',
  status: {
    provisional: 'Unofficial results, count in progress',
    final: 'Unofficial results, count complete',
    certified: 'Official results, certified',
  },
  updated: 'Updated',
  sectionsReported: (reported, total) => `Sections reported: ${reported} of ${total}`,
  ofSections: (reported, total) => `${reported} of ${total} sections`,
  turnout: 'Turnout',
  turnoutHeaders: (previous) => [
    'Reading',
    'Sections',
    'Voters',
    'Electors',
    '%',
    ...(previous ? [`% ${previous}`] : []),
  ],
  resultsHeading: 'Results',
  candidatesCaption: 'Mayoral candidates',
  listsCaption: 'Lists',
  candidateHeaders: ['Candidate', 'Votes', '%'],
  listHeaders: ['List', 'Votes', '%'],
  mayorAndCouncil: 'Mayor and council',
  mayorOnly: 'Mayor',
  projectionNote: 'projection from partial results',
  runoff: (first, second) =>
    `No candidate has more than 50% of the valid votes: <strong>run-off between ${first} and ${second}</strong>.`,
  mayorElected: (name, percent, projection) =>
    `Mayor${projection ? ' (projection)' : ' elected'}: <strong>${name}</strong> with ${percent} of the valid votes.`,
  coalitionSeatsCaption: 'Council seats by coalition',
  coalitionHeaders: ['Mayoral candidate', 'Seats'],
  majorityBonus: 'majority bonus',
  listSeatsCaption: 'Seats by list',
  listSeatHeaders: ['List', 'Seats'],
  councillorsFromCandidates: (names) => `Elected to the council as defeated mayoral candidates: ${names}.`,
  referendum: 'Referendum',
  quorum: (required, turnout, reached) =>
    `Quorum: ${required} of the electors; voters so far ${turnout} — <strong>${reached ? 'reached' : 'not yet reached'}</strong>`,
  answersCaption: 'Questions',
  answerHeaders: ['Question', 'Yes', 'No', '% Yes', '% No', 'Outcome'],
  outcome: {
    yes: 'Yes prevails',
    no: 'No prevails',
    tie: 'Tie',
    'quorum-not-reached': 'Quorum not reached',
    'no-votes': '—',
  },
  outlook: {
    heading: 'Outcome',
    elected: (name) =>
      `Elected at the first round: <strong>${name}</strong>, whatever the sections still missing hold.`,
    runoffBetween: (first, second) => `<strong>A run-off between ${first} and ${second} is certain</strong>.`,
    runoff:
      '<strong>A run-off is certain</strong>: no candidate can be elected at the first round; the pair is not decided yet.',
    open: 'Still open: the ballots still missing can change the outcome.',
    answer: (question, status) =>
      status === 'open'
        ? `${question}: still open.`
        : `${question}: <strong>${status === 'yes' ? 'yes' : 'no'} wins</strong>, whatever the sections still missing hold.`,
    remaining: (count, exact) =>
      `At most ${count} ballots are left to count (${exact ? 'an exact figure, from the sections’ final turnout' : 'an upper bound: not every section has sent its final turnout'}).`,
    nothingLeft: 'No ballots are left to count.',
  },
  ballots: 'Ballots',
  ballotsCaption: 'Ballots',
  ballotHeaders: ['Item', 'Number'],
  ballotRows: {
    registeredVoters: 'Electors',
    voters: 'Voters',
    validVotes: 'Valid votes',
    blankBallots: 'Blank ballots',
    invalidBallots: 'Invalid ballots',
    contestedBallots: 'Contested ballots',
  },
  drillDown: 'Results by section',
  drillDownLabel: 'Section number or district',
  drillDownHint: 'For example 12, or the name of a district.',
  drillDownButton: 'Search',
  drillDownNoScript: (path) =>
    `Searching by section needs JavaScript. Every section’s data is still published as open data, at ${path} (with the section’s number for &lt;n&gt;).`,
  drillDownSearching: 'Searching…',
  drillDownNotFound: (query) => `No section or district matches “${query}”.`,
  drillDownMatches: (count, query) =>
    `${count === 1 ? 'One section matches' : `${count} sections match`} “${query}”:`,
  drillDownFailed: 'The section’s data cannot be reached right now. Please try again shortly.',
  section: {
    district: 'District',
    registeredVoters: 'Electors',
    status: {
      reported: 'Count entered',
      'in-review': 'Count under review',
      'not-reported': 'Count not yet entered',
    },
    turnoutCaption: 'Turnout in the section',
    turnoutHeaders: ['Reading', 'Voters', '%'],
    ballotsCaption: 'Ballots in the section',
    candidatesCaption: 'Votes for the mayoral candidates in the section',
    listsCaption: 'Votes for the lists in the section',
    answersCaption: 'Votes on the questions in the section',
    votes: 'Votes',
    version: (version) => `version ${version}`,
  },
  openData: 'Open data',
  openDataIntro: 'The same data, free to reuse:',
  downloads: {
    summaryJson: 'Summary (JSON)',
    summaryCsv: 'Summary (CSV)',
    pointer: 'Latest update (latest.json)',
    definition: 'Sections, candidates and lists (JSON)',
  },
  footer: (municipality) =>
    `Source: Comune di ${municipality}. The data are unofficial until the results are certified.`,
  live: {
    updated: (time, reported, total) => `Updated at ${time}: ${reported} of ${total} sections reported.`,
    retrying: (seconds) => `Update failed; trying again in ${seconds} seconds.`,
  },
};
