/**
 * What the verification page says, in Italian and English: what each check establishes, the
 * names of items, kinds and statuses, and the sentences of a verdict. Pure.
 */
import type { LogCheck } from '../../shared/domain/public-log-checks.js';

export type Language = 'it' | 'en';

export const CHECKS: Record<LogCheck, Record<Language, string>> = {
  site: { it: 'il sito risponde', en: 'the site answers' },
  receipt: { it: 'la ricevuta è di 64 cifre esadecimali', en: 'the receipt is 64 hexadecimal digits' },
  key: { it: 'la chiave del registro è pubblicata', en: "the log's key is published" },
  checkpoint: {
    it: 'il checkpoint è pubblicato ed è di questa elezione',
    en: 'the checkpoint is published and is of this election',
  },
  signature: {
    it: 'il checkpoint è firmato con la chiave del registro',
    en: "the checkpoint is signed with the log's key",
  },
  'section-file': {
    it: 'il file della sezione elenca la ricevuta',
    en: "the section's file lists the receipt",
  },
  'receipt-in-log': {
    it: 'una voce del registro corrisponde alla ricevuta',
    en: 'an entry of the log matches the receipt',
  },
  'in-checkpoint': {
    it: 'la voce è sotto il checkpoint firmato',
    en: 'the entry is under the signed checkpoint',
  },
  'entry-bundle': {
    it: 'le voci del registro sono pubblicate e leggibili',
    en: 'the log’s entries are published and readable',
  },
  'leaf-hash': {
    it: 'la voce a quell’indice corrisponde alla ricevuta',
    en: 'the entry at that index matches the receipt',
  },
  inclusion: {
    it: 'la prova di inclusione porta alla radice firmata',
    en: 'the inclusion proof leads to the signed root',
  },
  entry: {
    it: 'la voce è di questa elezione, sezione e versione',
    en: 'the entry is of this election, section and version',
  },
  'body-hash': {
    it: 'i numeri pubblicati corrispondono alla voce',
    en: 'the published numbers match the entry',
  },
  tile: { it: 'l’albero pubblicato corrisponde alle voci', en: 'the published tree matches the entries' },
  root: { it: 'la radice firmata corrisponde alle voci', en: 'the signed root matches the entries' },
  'saved-checkpoint': {
    it: 'il checkpoint salvato è firmato dal registro',
    en: 'the saved checkpoint is signed by the log',
  },
  consistency: {
    it: 'il registro estende il checkpoint salvato',
    en: 'the log extends the saved checkpoint',
  },
};

const ITEMS = {
  results: { it: 'i risultati dello scrutinio', en: 'the count' },
  turnout: { it: 'l’affluenza, rilevazione', en: 'the turnout, reading' },
};

export function itemWords(item: string | undefined, language: Language): string {
  if (item === undefined) return '';
  if (item === 'results') return ITEMS.results[language];
  const [kind, slot] = item.split('/');
  return kind === 'turnout' ? `${ITEMS.turnout[language]} ${slot}` : item;
}

const KINDS: Record<string, Record<Language, string>> = {
  submit: { it: 'invio', en: 'submission' },
  correct: { it: 'correzione', en: 'correction' },
  approve: { it: 'approvazione', en: 'approval' },
  reopen: { it: 'riapertura', en: 'reopening' },
};

const STATUSES: Record<string, Record<Language, string>> = {
  accepted: { it: 'accettato', en: 'accepted' },
  flagged: { it: 'da verificare', en: 'flagged for review' },
  approved: { it: 'approvato', en: 'approved' },
  reopened: { it: 'riaperto', en: 'reopened' },
};

export const kindWords = (kind: string, language: Language) => KINDS[kind]?.[language] ?? kind;
export const statusWords = (status: string | undefined, language: Language) =>
  status === undefined ? '' : (STATUSES[status]?.[language] ?? status);

export const WORDS = {
  verified: { it: 'Ricevuta verificata', en: 'Receipt verified' },
  notVerified: { it: 'Ricevuta NON verificata', en: 'Receipt NOT verified' },
  verifying: { it: 'Verifica in corso…', en: 'Verifying…' },
  failedCheck: { it: 'Controllo non superato', en: 'Failed check' },
  checksPassed: { it: 'Controlli superati', en: 'Checks passed' },
  numbers: { it: 'I numeri', en: 'The numbers' },
  figure: { it: 'Voce', en: 'Figure' },
  value: { it: 'Valore', en: 'Value' },
  notPublished: {
    it: 'I numeri non sono ancora pubblici (prima della chiusura dei seggi): il registro ne contiene solo l’impronta.',
    en: 'The numbers are not public yet (before the polls close): the log holds only their fingerprint.',
  },
  missingFields: {
    it: 'Inserite l’elezione e la ricevuta.',
    en: 'Enter the election and the receipt.',
  },
  unreachable: {
    it: 'Il sito non risponde: riprovate tra poco.',
    en: 'The site does not answer: try again shortly.',
  },
  scanning: { it: 'Inquadrate il codice QR…', en: 'Point the camera at the QR code…' },
  scanned: { it: 'Codice letto: ricevuta inserita.', en: 'Code read: receipt filled in.' },
  noCode: { it: 'Nessun codice QR di una ricevuta nella foto.', en: 'No receipt QR code in the photo.' },
  noCamera: { it: 'La fotocamera non è disponibile.', en: 'The camera is not available.' },
  stopCamera: { it: 'Ferma la fotocamera', en: 'Stop the camera' },
};
