/**
 * An election's widget (`/results/<e>/widget/`): the one page other sites may frame (a news
 * site's article, a party's page), so it is compact: the state of the count, the mayoral
 * candidates (with the page's bars) or the referendum's answers, the latest turnout, and a link to the
 * full page. Static and script-free: it refreshes itself every 30 s (the publisher rewrites it on
 * every publish), so it works in any iframe, on any site's CSP. Pure: summary in, HTML out.
 */
import type { Summary } from '../../domain/summary.js';
import { escapeHtml, FAVICON_LINK } from '../html.js';
import { candidateBars } from '../results/charts/vote-bars.js';
import { formatsOf } from '../results/formats.js';
import { type Language, MESSAGES } from '../results/messages.js';
import { rehearsalBanner, stylesheetLink } from '../results/page-parts.js';
import { pageUrl } from '../results/render.js';
import type { SiteAssets } from '../site-assets.js';
import { WIDGET_WORDS } from './words.js';

/** The widget's own folder: the path CloudFront lets other sites frame (site/security-headers.ts). */
export const widgetUrl = (electionId: string, language: Language) =>
  `/results/${electionId}/widget/${language === 'it' ? 'index.html' : `index.${language}.html`}`;

/** Seconds between the widget's reloads: the pointer's own cache time, and then some. */
export const WIDGET_REFRESH_S = 30;

function rows(s: Summary, language: Language): string {
  const f = formatsOf(language);
  const w = WIDGET_WORDS[language];
  const line = (name: string, votes: number, percent: number) =>
    `<li><span class="widget-name">${escapeHtml(name)}</span> <span class="widget-figure">${f.percent(percent)}</span> <span class="muted">${w.votes(f.count(votes))}</span></li>`;
  if (s.candidates.length)
    return `<ol class="widget-rows">${[...s.candidates]
      .sort((a, b) => b.votes - a.votes)
      .map((c) => line(c.name, c.votes, c.percent))
      .join('')}</ol>${candidateBars(s, language)}`;
  return s.answers
    .map(
      (a) =>
        `<p class="widget-question">${escapeHtml(a.text)}</p><ol class="widget-rows">${line(w.yes, a.yes, a.percentYes)}${line(w.no, a.no, a.percentNo)}</ol>`,
    )
    .join('');
}

export function renderWidgetPage(s: Summary, options: { language: Language; assets: SiteAssets }): string {
  const { language, assets } = options;
  const t = MESSAGES[language];
  const w = WIDGET_WORDS[language];
  const f = formatsOf(language);
  const turnout = [...s.turnout].reverse().find((slot) => slot.sectionsReported > 0);
  const full = pageUrl(s.electionId, 'election', language);
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${WIDGET_REFRESH_S}">
<title>${escapeHtml(s.name)} — ${t.results}</title>
${FAVICON_LINK}
${stylesheetLink(assets)}
</head>
<body class="widget${s.rehearsal ? ' rehearsal' : ''}">
<main>
${rehearsalBanner(s.rehearsal, language)}
<h1><a href="${full}" target="_blank" rel="noopener">${escapeHtml(s.name)}</a></h1>
<p><strong>${t.status[s.status]}</strong> · ${t.sectionsReported(f.count(s.sections.reported), f.count(s.sections.total))}</p>
${rows(s, language)}
${turnout ? `<p>${w.turnout(f.slot(turnout), f.percent(turnout.percent))}</p>` : ''}
<p class="muted">${t.updated}: <time datetime="${escapeHtml(s.generatedAt)}">${f.dateTime(s.generatedAt)}</time> · <a href="${full}" target="_blank" rel="noopener">${w.fullResults}</a></p>
</main>
</body>
</html>
`;
}
