/**
 * The site's front page when several elections are live (or, with none live, several
 * rehearsals): a list of them, each linking to its own pre-rendered page in both languages.
 * Complete without JavaScript, and it names no script: there is nothing on it to update in
 * place, and the results page's script has no election here. Pure: entries in, HTML out.
 */
import type { SiteIndexEntry } from '../../domain/site-index.js';
import { escapeHtml, pageStart } from '../html.js';
import { type Language, MESSAGES } from '../results/messages.js';
import { languageSwitch, otherLanguageOf, rehearsalBanner, stylesheetLink } from '../results/page-parts.js';
import { pageUrl } from '../results/render.js';
import type { SiteAssets } from '../site-assets.js';
import { LIST_MESSAGES } from './messages.js';

/** The URL path of `/results/index.json`, which the page links as open data. */
export const SITE_INDEX_PATH = '/results/index.json';

/** An election's own page: its folder in Italian (as the contract names it), index.en.html in English. */
const electionPage = (electionId: string, language: Language) =>
  language === 'it' ? `/results/${electionId}/` : pageUrl(electionId, 'election', language);

function renderEntry(entry: SiteIndexEntry, language: Language, other: Language): string {
  const t = MESSAGES[language];
  const l = LIST_MESSAGES[language];
  const name = escapeHtml(entry.name);
  // Names are the definition's, in Italian: said so to screen readers on the English page.
  const nameLang = language === 'it' ? '' : ' lang="it"';
  const otherName = t.otherLanguage.name;
  return `<li>
<h2><a href="${escapeHtml(electionPage(entry.electionId, language))}"${nameLang}>${name}</a></h2>
<p>${escapeHtml(l.municipality(entry.municipality.name))} · <strong class="status">${t.status[entry.status]}</strong></p>
<p><a href="${escapeHtml(electionPage(entry.electionId, other))}" hreflang="${other}" lang="${other}" aria-label="${otherName}: ${name}">${otherName}</a></p>
</li>`;
}

export function renderElectionList(
  list: { rehearsal: boolean; elections: readonly SiteIndexEntry[] },
  options: { language: Language; assets: SiteAssets },
): string {
  const { language, assets } = options;
  const t = MESSAGES[language];
  const l = LIST_MESSAGES[language];
  const other = otherLanguageOf(language);
  const otherRoot = pageUrl('', 'root', other);
  const title = `${l.title}${list.rehearsal ? ` (${t.rehearsalTitle})` : ''}`;
  return `${pageStart(language)}
<title>${title}</title>
<meta name="description" content="${escapeHtml(list.elections.map((e) => e.name).join(', '))}">
<meta name="front-page" content="list">
${stylesheetLink(assets)}
<link rel="alternate" hreflang="${other}" href="${otherRoot}">
</head>
<body${list.rehearsal ? ' class="rehearsal"' : ''}>
<a class="skip" href="#elections">${l.skipToList}</a>
${rehearsalBanner(list.rehearsal, language)}
<header>
${languageSwitch(language, otherRoot)}
<h1>${title}</h1>
<p>${l.intro(list.rehearsal)}</p>
</header>
<main id="elections" tabindex="-1">
<ul class="elections">
${list.elections.map((entry) => renderEntry(entry, language, other)).join('\n')}
</ul>
<section aria-labelledby="h-data"><h2 id="h-data">${l.openData}</h2><ul class="downloads"><li><a href="${SITE_INDEX_PATH}">${l.indexFile}</a></li></ul></section>
</main>
<footer><p class="muted">${l.footer}</p></footer>
</body>
</html>
`;
}
