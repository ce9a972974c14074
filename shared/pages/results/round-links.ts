/**
 * The results page's links between a first round and its run-off (docs/interface.md, Run-off
 * round), and the names a run-off's council is about: the first round's candidates and lists.
 * Kept apart from render.ts, with its own few words in each language. Pure.
 */
import type { Summary } from '../../domain/summary.js';
import { escapeHtml } from '../html.js';
import type { Language } from './messages.js';

const WORDS: Record<Language, { runoff: string; firstRound: (name: string) => string; council: string }> = {
  it: {
    runoff: 'Il ballottaggio: risultati',
    firstRound: (name) => `Il primo turno: ${name}`,
    council: 'Il consiglio è attribuito sui voti di lista del primo turno (art. 73 c. 10 TUEL).',
  },
  en: {
    runoff: 'The run-off: results',
    firstRound: (name) => `The first round: ${name}`,
    council: "The council is allocated on the first round's list votes (TUEL art. 73 c. 10).",
  },
};

/** The page of the election whose `latest.json` is at `latest`, in `language`. */
function pageOf(latest: string, language: Language): string {
  const folder = latest.replace(/latest\.json$/, '');
  return language === 'it' ? folder : `${folder}index.${language}.html`;
}

/** A link to the other round, or nothing for an election with no run-off. */
export function renderRoundLink(s: Summary, language: Language): string {
  const words = WORDS[language];
  // Snapshots published before the run-off existed have neither field.
  const { runoffRound, firstRound } = s as Partial<Summary>;
  if (runoffRound)
    return `<p class="round-link"><a href="${escapeHtml(pageOf(runoffRound, language))}">${words.runoff}</a></p>`;
  if (firstRound)
    return `<p class="round-link"><a href="${escapeHtml(pageOf(firstRound.latest, language))}">${escapeHtml(words.firstRound(firstRound.name))}</a> · ${words.council}</p>`;
  return '';
}

/** Every candidate's and list's name the summary's seats may name, a run-off's first round's included. */
export function seatNames(s: Summary): { candidates: Map<string, string>; lists: Map<string, string> } {
  const first = (s as Partial<Summary>).firstRound;
  return {
    candidates: new Map([...(first?.candidates ?? []), ...s.candidates].map((c) => [c.id, c.name])),
    lists: new Map([...(first?.lists ?? []), ...s.lists].map((l) => [l.id, l.name])),
  };
}
