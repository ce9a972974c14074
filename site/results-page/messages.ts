/**
 * Every word the results page shows, in Italian (the default) and English, with the number
 * and date formats of each. Used by the publisher's pre-rendering and by the page's script.
 */
import type { Summary } from '../../shared/domain/summary.js';
import { escapeHtml } from './html.js';

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

const it: Messages = {
  locale: 'it-IT',
  results: 'Risultati',
  rehearsalBanner: 'PROVA — DATI DI TEST, NON SONO RISULTATI REALI',
  rehearsalTitle: 'PROVA',
  skipToResults: 'Vai ai risultati',
  otherLanguage: { name: 'English' },
  languageNav: 'Lingua',
  status: {
    provisional: 'Dati ufficiosi, scrutinio in corso',
    final: 'Dati ufficiosi, scrutinio completato',
    certified: 'Risultati ufficiali proclamati',
  },
  updated: 'Aggiornamento',
  sectionsReported: (reported, total) => `Sezioni scrutinate: ${reported} su ${total}`,
  ofSections: (reported, total) => `sezioni ${reported} su ${total}`,
  turnout: 'Affluenza',
  turnoutHeaders: (previous) => [
    'Rilevazione',
    'Sezioni',
    'Votanti',
    'Elettori',
    '%',
    ...(previous ? [`% ${previous}`] : []),
  ],
  resultsHeading: 'Risultati',
  candidatesCaption: 'Candidati sindaco',
  listsCaption: 'Liste',
  candidateHeaders: ['Candidato', 'Voti', '%'],
  listHeaders: ['Lista', 'Voti', '%'],
  mayorAndCouncil: 'Sindaco e consiglio',
  mayorOnly: 'Sindaco',
  projectionNote: 'proiezione sui dati parziali',
  runoff: (first, second) =>
    `Nessun candidato supera il 50% dei voti validi: <strong>ballottaggio tra ${first} e ${second}</strong>.`,
  mayorElected: (name, percent, projection) =>
    `Sindaco${projection ? ' (proiezione)' : ' eletto'}: <strong>${name}</strong> con il ${percent} dei voti validi.`,
  coalitionSeatsCaption: 'Seggi in consiglio per coalizione',
  coalitionHeaders: ['Candidato sindaco', 'Seggi'],
  majorityBonus: 'premio di maggioranza',
  listSeatsCaption: 'Seggi per lista',
  listSeatHeaders: ['Lista', 'Seggi'],
  councillorsFromCandidates: (names) => `Eletti consiglieri in quanto candidati sindaco: ${names}.`,
  referendum: 'Referendum',
  quorum: (required, turnout, reached) =>
    `Quorum: ${required} degli elettori; votanti finora ${turnout} — <strong>${reached ? 'raggiunto' : 'non ancora raggiunto'}</strong>`,
  answersCaption: 'Quesiti',
  answerHeaders: ['Quesito', 'Sì', 'No', '% Sì', '% No', 'Esito'],
  outcome: {
    yes: 'Prevale il sì',
    no: 'Prevale il no',
    tie: 'Parità',
    'quorum-not-reached': 'Quorum non raggiunto',
    'no-votes': '—',
  },
  ballots: 'Schede',
  ballotsCaption: 'Schede',
  ballotHeaders: ['Voce', 'Numero'],
  ballotRows: {
    registeredVoters: 'Elettori',
    voters: 'Votanti',
    validVotes: 'Voti validi',
    blankBallots: 'Schede bianche',
    invalidBallots: 'Schede nulle',
    contestedBallots: 'Schede contestate',
  },
  drillDown: 'Risultati per sezione',
  drillDownLabel: 'Numero di sezione o quartiere',
  drillDownHint: 'Per esempio 12, oppure il nome di un quartiere.',
  drillDownButton: 'Cerca',
  drillDownNoScript: (path) =>
    `La ricerca per sezione richiede JavaScript. I dati di ogni sezione sono comunque pubblicati in formato aperto, all’indirizzo ${path} (al posto di &lt;n&gt; il numero della sezione).`,
  drillDownSearching: 'Ricerca in corso…',
  drillDownNotFound: (query) => `Nessuna sezione o quartiere corrisponde a «${query}».`,
  drillDownMatches: (count, query) =>
    `${count === 1 ? 'Una sezione corrisponde' : `${count} sezioni corrispondono`} a «${query}»:`,
  drillDownFailed: 'I dati della sezione non sono raggiungibili in questo momento. Riprova tra poco.',
  section: {
    district: 'Quartiere',
    registeredVoters: 'Elettori',
    status: {
      reported: 'Scrutinio inserito',
      'in-review': 'Scrutinio in verifica',
      'not-reported': 'Scrutinio non ancora inserito',
    },
    turnoutCaption: 'Affluenza della sezione',
    turnoutHeaders: ['Rilevazione', 'Votanti', '%'],
    ballotsCaption: 'Schede della sezione',
    candidatesCaption: 'Voti ai candidati sindaco nella sezione',
    listsCaption: 'Voti alle liste nella sezione',
    answersCaption: 'Voti ai quesiti nella sezione',
    votes: 'Voti',
    version: (version) => `versione ${version}`,
  },
  openData: 'Dati aperti',
  openDataIntro: 'Gli stessi dati, liberamente riutilizzabili:',
  downloads: {
    summaryJson: 'Riepilogo (JSON)',
    summaryCsv: 'Riepilogo (CSV)',
    pointer: 'Ultimo aggiornamento (latest.json)',
    definition: 'Sezioni, candidati e liste (JSON)',
  },
  footer: (municipality) =>
    `Fonte: Comune di ${municipality}. I dati sono ufficiosi fino alla proclamazione degli eletti.`,
  live: {
    updated: (time, reported, total) =>
      `Aggiornato alle ${time}: sezioni scrutinate ${reported} su ${total}.`,
    retrying: (seconds) => `Aggiornamento non riuscito; nuovo tentativo tra ${seconds} secondi.`,
  },
};

const en: Messages = {
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

export const MESSAGES: Record<Language, Messages> = { it, en };

type Formats = ReturnType<typeof buildFormats>;
const formats = new Map<Language, Formats>();

/**
 * Number, percentage and time formats of a language, built once: every page render (and every
 * live update) uses them many times, and Intl formatters are costly to construct.
 */
export function formatsOf(language: Language): Formats {
  let built = formats.get(language);
  if (!built) {
    built = buildFormats(language);
    formats.set(language, built);
  }
  return built;
}

function buildFormats(language: Language) {
  const { locale } = MESSAGES[language];
  const integer = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const romeTime = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Rome', ...options });
  const dateTime = romeTime({ dateStyle: 'medium', timeStyle: 'short' });
  const time = romeTime({ hour: '2-digit', minute: '2-digit' });
  const slotTime = romeTime({ weekday: 'long', hour: '2-digit', minute: '2-digit' });
  return {
    count: (n: number) => integer.format(n),
    percent: (n: number) => `${decimal.format(n)}%`,
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    /**
     * A turnout slot's name, as HTML: its own label in Italian; in other languages its weekday
     * and time, or, with no time given, the Italian label marked as Italian for screen readers.
     */
    slot: (slot: { label: string; at: string | null }) =>
      language === 'it'
        ? escapeHtml(slot.label)
        : slot.at
          ? escapeHtml(slotTime.format(new Date(slot.at)))
          : `<span lang="it">${escapeHtml(slot.label)}</span>`,
  };
}
