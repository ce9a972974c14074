/**
 * What the front page's list of elections says, in Italian (the default) and English. The
 * statuses and the rehearsal banner are the results page's own words (pages/results/messages.ts).
 */
import type { Language } from '../results/messages.js';

export interface ListMessages {
  title: string;
  skipToList: string;
  intro: (rehearsal: boolean) => string;
  municipality: (name: string) => string;
  openData: string;
  indexFile: string;
  footer: string;
}

const it: ListMessages = {
  title: 'Risultati elettorali',
  skipToList: 'Vai all’elenco delle elezioni',
  intro: (rehearsal) =>
    rehearsal
      ? 'Prove in corso: scegli un’elezione per vederne i dati di test.'
      : 'Elezioni in corso: scegli un’elezione per vederne l’affluenza e i risultati.',
  municipality: (name) => `Comune di ${name}`,
  openData: 'Dati aperti',
  indexFile: 'Elenco delle elezioni (JSON)',
  footer: 'I dati sono ufficiosi fino alla proclamazione degli eletti.',
};

const en: ListMessages = {
  title: 'Election results',
  skipToList: 'Skip to the list of elections',
  intro: (rehearsal) =>
    rehearsal
      ? 'Rehearsals in progress: choose an election to see its test data.'
      : 'Elections in progress: choose an election to see its turnout and results.',
  municipality: (name) => `Municipality of ${name}`,
  openData: 'Open data',
  indexFile: 'List of elections (JSON)',
  footer: 'Results are unofficial until the winners are certified.',
};

export const LIST_MESSAGES: Record<Language, ListMessages> = { it, en };
