/**
 * Says a receipt's verdict on the page, in Italian and then English: what the receipt proves
 * (this section, this version, these numbers, at index n of the log, under a checkpoint signed
 * at time t) and the checks passed, or which check failed and why. Built with the DOM, every
 * value as text.
 */
import type { ReceiptProof, ReceiptVerdict } from '../../shared/domain/public-log-receipt.js';
import { CHECKS, itemWords, kindWords, type Language, statusWords, WORDS } from './words.js';

type Child = Node | string;

function el(tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const LANGUAGES: Language[] = ['it', 'en'];
const LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-GB' };

function when(iso: string | undefined, language: Language): Child {
  if (iso === undefined) return language === 'it' ? 'un momento non indicato' : 'an unstated time';
  const text = new Date(iso).toLocaleString(LOCALES[language], {
    timeZone: 'Europe/Rome',
    timeZoneName: 'short',
  });
  return el('time', { datetime: iso }, text);
}

function proofSentence(p: ReceiptProof, language: Language): HTMLElement {
  const what =
    p.sectionId !== undefined
      ? language === 'it'
        ? `la sezione ${p.sectionId} ha inviato ${itemWords(p.item, language)}, versione ${p.version} (${kindWords(p.kind, language)}, ${statusWords(p.status, language)}), il `
        : `section ${p.sectionId} sent ${itemWords(p.item, language)}, version ${p.version} (${kindWords(p.kind, language)}, ${statusWords(p.status, language)}), at `
      : `${kindWords(p.kind, language)}, `;
  const where =
    language === 'it'
      ? `; è la voce ${p.logIndex} del registro pubblico, sotto un checkpoint di ${p.treeSize} voci firmato il `
      : `; it is entry ${p.logIndex} of the public log, under a checkpoint of ${p.treeSize} entries signed at `;
  return el(
    'p',
    { lang: language, 'data-proof': language },
    language === 'it' ? 'Questa ricevuta prova che ' : 'This receipt proves that ',
    what,
    when(p.at, language),
    where,
    when(p.signedAt, language),
    '.',
  );
}

/** Every figure of a body, flattened: `candidateVotes.C1` 200. */
function figures(body: unknown, prefix = ''): [string, string][] {
  if (body === null || typeof body !== 'object') return [[prefix, String(body)]];
  return Object.entries(body).flatMap(([key, value]) => figures(value, prefix ? `${prefix}.${key}` : key));
}

function numbersTable(body: unknown): HTMLElement {
  const rows = figures(body).map(([name, value]) =>
    el('tr', {}, el('th', { scope: 'row' }, name), el('td', { class: 'num' }, value)),
  );
  return el(
    'table',
    { id: 'numbers' },
    el('caption', {}, `${WORDS.numbers.it} `, el('span', { lang: 'en' }, WORDS.numbers.en)),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, `${WORDS.figure.it} / ${WORDS.figure.en}`),
        el('th', { scope: 'col', class: 'num' }, `${WORDS.value.it} / ${WORDS.value.en}`),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

const both = (words: Record<Language, string>, tag = 'span') =>
  LANGUAGES.map((language) => el(tag, { lang: language }, words[language]));

export function renderVerdict(target: HTMLElement, verdict: ReceiptVerdict): void {
  const passed = el(
    'details',
    {},
    el('summary', {}, `${WORDS.checksPassed.it} · `, el('span', { lang: 'en' }, WORDS.checksPassed.en)),
    el(
      'ul',
      {},
      ...[...new Set(verdict.passed)].map((check) =>
        el('li', { 'data-check': check }, ...both(CHECKS[check])),
      ),
    ),
  );
  if (verdict.ok) {
    const { proof } = verdict;
    target.replaceChildren(
      el(
        'h2',
        { class: 'verified', id: 'verdict', 'data-ok': 'true' },
        `✓ ${WORDS.verified.it} `,
        el('span', { lang: 'en' }, WORDS.verified.en),
      ),
      ...LANGUAGES.map((language) => proofSentence(proof, language)),
      proof.body !== undefined
        ? numbersTable(proof.body)
        : el('div', { class: 'muted' }, ...both(WORDS.notPublished, 'p')),
      el('p', { class: 'muted mono' }, `root ${proof.root}`),
      passed,
    );
  } else {
    const { failure } = verdict;
    target.replaceChildren(
      el(
        'h2',
        { class: 'failed', id: 'verdict', 'data-ok': 'false' },
        `✗ ${WORDS.notVerified.it} `,
        el('span', { lang: 'en' }, WORDS.notVerified.en),
      ),
      el(
        'p',
        { 'data-failed-check': failure.check },
        `${WORDS.failedCheck.it}: ${CHECKS[failure.check].it}. `,
        el('span', { lang: 'en' }, `${WORDS.failedCheck.en}: ${CHECKS[failure.check].en}.`),
      ),
      el('p', { lang: 'en', class: 'muted mono' }, failure.detail),
      passed,
    );
  }
}

/** A line of the page's words (both languages) in the result region: waiting, an error. */
export function renderNotice(target: HTMLElement, words: Record<Language, string>): void {
  target.replaceChildren(el('p', { class: 'notice' }, `${words.it} `, el('span', { lang: 'en' }, words.en)));
}
