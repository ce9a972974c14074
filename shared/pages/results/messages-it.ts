/** The results page in Italian, the default. */
import type { Messages } from './message-types.js';

export const it: Messages = {
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
  outlook: {
    heading: 'Esito',
    elected: (name) =>
      `Eletto al primo turno: <strong>${name}</strong>, qualunque sia l’esito delle sezioni mancanti.`,
    runoffBetween: (first, second) => `<strong>Ballottaggio certo tra ${first} e ${second}</strong>.`,
    runoff:
      '<strong>Ballottaggio certo</strong>: nessun candidato può essere eletto al primo turno; la coppia non è ancora decisa.',
    open: 'Esito ancora aperto: le schede mancanti possono ancora cambiarlo.',
    answer: (question, status) =>
      status === 'open'
        ? `${question}: esito ancora aperto.`
        : `${question}: <strong>prevale il ${status === 'yes' ? 'sì' : 'no'}</strong>, qualunque sia l’esito delle sezioni mancanti.`,
    remaining: (count, exact) =>
      `Restano al più ${count} schede da scrutinare (${exact ? 'numero esatto, dall’affluenza finale delle sezioni' : 'limite superiore: non tutte le sezioni hanno comunicato l’affluenza finale'}).`,
    nothingLeft: 'Non restano schede da scrutinare.',
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
