/** The widget's own words, in each language of the results page (the rest are the page's). */
import type { Language } from '../results/messages.js';

export const WIDGET_WORDS: Record<
  Language,
  {
    votes: (n: string) => string;
    yes: string;
    no: string;
    turnout: (slot: string, percent: string) => string;
    fullResults: string;
  }
> = {
  it: {
    votes: (n) => `${n} voti`,
    yes: 'Sì',
    no: 'No',
    turnout: (slot, percent) => `Affluenza (${slot}): ${percent}`,
    fullResults: 'Tutti i risultati',
  },
  en: {
    votes: (n) => `${n} votes`,
    yes: 'Yes',
    no: 'No',
    turnout: (slot, percent) => `Turnout (${slot}): ${percent}`,
    fullResults: 'All the results',
  },
};
