/**
 * What the public pages of an election night share (the results page, the front page's list of
 * elections, the widget): the stylesheet, the rehearsal's banner, the link to the other language.
 * Pure.
 */
import { escapeHtml } from '../html.js';
import type { SiteAssets } from '../site-assets.js';
import { type Language, MESSAGES } from './messages.js';

/** The pages' language other than this one. */
export const otherLanguageOf = (language: Language): Language => (language === 'it' ? 'en' : 'it');

/** The results page's stylesheet, when the build has named one. */
export const stylesheetLink = (assets: SiteAssets) =>
  assets.resultsStyle ? `<link rel="stylesheet" href="${escapeHtml(assets.resultsStyle)}">` : '';

/** The note that a rehearsal's figures are not real, on a rehearsal's pages only. */
export const rehearsalBanner = (rehearsal: boolean, language: Language) =>
  rehearsal ? `<p class="rehearsal-banner" role="note">${MESSAGES[language].rehearsalBanner}</p>` : '';

/** The header's link to this page in the other language, at `href`. */
export function languageSwitch(language: Language, href: string): string {
  const t = MESSAGES[language];
  const other = otherLanguageOf(language);
  return `<nav class="languages" aria-label="${t.languageNav}"><a href="${href}" hreflang="${other}" lang="${other}">${t.otherLanguage.name}</a></nav>`;
}
