/**
 * The public results page, pre-rendered by the publisher from the summary: complete and
 * readable with JavaScript off. The page's script re-renders the same parts from newer
 * summaries with these very functions, so both always agree. Pure: summary in, HTML out.
 */
import { publicPaths, urlPathOf } from '../../domain/public-paths.js';
import type { Summary } from '../../domain/summary.js';
import { escapeHtml, pageStart } from '../html.js';
import type { SiteAssets } from '../site-assets.js';
import { renderChangesBox } from './changes.js';
import { pollingMap } from './charts/polling-map.js';
import { seatsPicture } from './charts/seats-picture.js';
import { previousName, turnoutChart } from './charts/turnout-chart.js';
import { candidateBars, listBars } from './charts/vote-bars.js';
import { renderComparison } from './comparison.js';
import { formatsOf } from './formats.js';
import { type Language, MESSAGES } from './messages.js';
import { languageSwitch, otherLanguageOf, rehearsalBanner, stylesheetLink } from './page-parts.js';
import { renderRoundLink, seatNames } from './round-links.js';
import { table } from './tables.js';

/** Where a page and its translation live: the election's own folder, or the site root. */
export type PageLocation = 'election' | 'root';

export function pageUrl(electionId: string, location: PageLocation, language: Language): string {
  const file = language === 'it' ? 'index.html' : `index.${language}.html`;
  return location === 'root' ? `/${file}` : `/results/${electionId}/${file}`;
}

/** The status, the time of the data and the sections reported: the page's header line. */
export function renderState(s: Summary, language: Language): string {
  const t = MESSAGES[language];
  const f = formatsOf(language);
  return `<p><strong class="status">${t.status[s.status]}</strong> · <span class="muted">${t.updated}: <time datetime="${escapeHtml(s.generatedAt)}">${f.dateTime(s.generatedAt)}</time></span></p>
<p class="reported"><strong>${t.sectionsReported(f.count(s.sections.reported), f.count(s.sections.total))}</strong></p>`;
}

function renderTurnout(s: Summary, language: Language): string {
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const previous = s.turnout.some((slot) => slot.previousPercent !== null) ? previousName(s) : null;
  const rows = s.turnout.map((slot) => [
    f.slot(slot),
    `${f.count(slot.sectionsReported)}/${f.count(s.sections.total)}`,
    f.count(slot.voters),
    f.count(slot.registeredVoters),
    f.percent(slot.percent),
    ...(previous ? [slot.previousPercent === null ? '—' : f.percent(slot.previousPercent)] : []),
  ]);
  // On a phone the voters and electors columns give way: the percentage and the sections reported stay.
  return `<section aria-labelledby="h-turnout"><h2 id="h-turnout">${t.turnout}</h2>${table(t.turnout, t.turnoutHeaders(previous), rows, [2, 3])}${turnoutChart(s, language)}</section>`;
}

function renderVotes(s: Summary, language: Language): string {
  if (!s.candidates.length && !s.lists.length) return '';
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const of = ` — ${t.ofSections(f.count(s.sections.reported), f.count(s.sections.total))}`;
  const candidateName = new Map(s.candidates.map((c) => [c.id, c.name]));
  const candidates = s.candidates.length
    ? table(
        t.candidatesCaption + of,
        t.candidateHeaders,
        s.candidates.map((c) => [escapeHtml(c.name), f.count(c.votes), f.percent(c.percent)]),
      )
    : '';
  const lists = s.lists.length
    ? table(
        t.listsCaption + of,
        t.listHeaders,
        s.lists.map((l) => [
          `${escapeHtml(l.name)} <span class="linked">${escapeHtml(candidateName.get(l.candidateId) ?? '')}</span>`,
          f.count(l.votes),
          f.percent(l.percent),
        ]),
      )
    : '';
  return `<section aria-labelledby="h-results"><h2 id="h-results">${t.resultsHeading}</h2>${candidateBars(s, language)}${candidates}${listBars(s, language)}${lists}</section>${renderComparison(s, language)}`;
}

/** The mayor, the run-off or the council seats: labelled a projection until the count is complete. */
function renderSeats(s: Summary, language: Language): string {
  const seats = s.seats;
  if (!seats) return '';
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const names = seatNames(s).candidates;
  const name = (id: string) => escapeHtml(names.get(id) ?? id);
  const projection = seats.projection ? ` (${t.projectionNote})` : '';
  if (seats.outcome === 'runoff') {
    const [first, second] = seats.runoff.candidateIds;
    return `<section aria-labelledby="h-seats"><h2 id="h-seats">${t.mayorOnly}${projection}</h2><p>${t.runoff(name(first), name(second))}</p></section>`;
  }
  const listName = seatNames(s).lists;
  const coalitions = table(
    t.coalitionSeatsCaption + projection,
    t.coalitionHeaders,
    seats.coalitions.map((c) => [
      `${name(c.candidateId)}${c.majorityBonus ? ` <span class="linked">${t.majorityBonus}</span>` : ''}`,
      f.count(c.seats),
    ]),
  );
  const lists = table(
    t.listSeatsCaption + projection,
    t.listSeatHeaders,
    seats.lists
      .filter((l) => l.seats > 0)
      .map((l) => [escapeHtml(listName.get(l.listId) ?? l.listId), f.count(l.seats)]),
  );
  const defeated = seats.councillorsFromCandidates.length
    ? `<p>${t.councillorsFromCandidates(seats.councillorsFromCandidates.map(name).join(', '))}</p>`
    : '';
  const mayor = t.mayorElected(
    name(seats.mayor.candidateId),
    f.percent(seats.mayor.percent),
    seats.projection,
  );
  return `<section aria-labelledby="h-seats"><h2 id="h-seats">${t.mayorAndCouncil}${projection}</h2><p>${mayor}</p>${seatsPicture(s, language)}${coalitions}${lists}${defeated}</section>`;
}

function renderReferendum(s: Summary, language: Language): string {
  if (!s.answers.length) return '';
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const quorum = s.quorum
    ? `<p>${t.quorum(f.percent(s.quorum.requiredPercent), f.percent(s.quorum.turnoutPercent), s.quorum.reached)}</p>`
    : '';
  const answers = table(
    `${t.answersCaption} — ${t.ofSections(f.count(s.sections.reported), f.count(s.sections.total))}`,
    t.answerHeaders,
    s.answers.map((a) => [
      escapeHtml(a.text),
      f.count(a.yes),
      f.count(a.no),
      f.percent(a.percentYes),
      f.percent(a.percentNo),
      t.outcome[a.outcome],
    ]),
  );
  return `<section aria-labelledby="h-answers"><h2 id="h-answers">${t.referendum}</h2>${quorum}${answers}</section>`;
}

/**
 * What the uncounted ballots can still change (the summary's outlook): a certainty, never a
 * projection, in a sentence or two.
 */
function renderOutlook(s: Summary, language: Language): string {
  const t = MESSAGES[language].outlook;
  const f = formatsOf(language);
  // A snapshot published before the outlook existed has none (a page re-rendered from it says nothing).
  const outlook = (s as Partial<Summary>).outlook;
  if (!outlook) return '';
  const { mayor, answers, uncountedAtMost, exact } = outlook;
  const names = new Map(s.candidates.map((c) => [c.id, c.name]));
  const name = (id: string) => escapeHtml(names.get(id) ?? id);
  const texts = new Map(s.answers.map((a) => [a.questionId, a.text]));
  const lines: string[] = [];
  if (mayor?.status === 'elected' && mayor.candidateId) lines.push(t.elected(name(mayor.candidateId)));
  else if (mayor?.status === 'runoff' && mayor.runoffCandidates)
    lines.push(t.runoffBetween(name(mayor.runoffCandidates[0]), name(mayor.runoffCandidates[1])));
  else if (mayor?.status === 'runoff') lines.push(t.runoff);
  else if (mayor) lines.push(t.open);
  for (const a of answers)
    lines.push(t.answer(escapeHtml(texts.get(a.questionId) ?? a.questionId), a.status));
  lines.push(uncountedAtMost === 0 ? t.nothingLeft : t.remaining(f.count(uncountedAtMost), exact));
  return `<section aria-labelledby="h-outlook" class="outlook"><h2 id="h-outlook">${t.heading}</h2>${lines.map((line) => `<p>${line}</p>`).join('')}</section>`;
}

function renderBallots(s: Summary, language: Language): string {
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const rows = (Object.keys(t.ballotRows) as (keyof typeof t.ballotRows)[]).map((key) => [
    t.ballotRows[key],
    f.count(s.totals[key] ?? 0),
  ]);
  return `<section aria-labelledby="h-ballots"><h2 id="h-ballots">${t.ballots}</h2>${table(
    `${t.ballotsCaption} — ${t.ofSections(f.count(s.sections.reported), f.count(s.sections.total))}`,
    t.ballotHeaders,
    rows,
  )}</section>`;
}

/** Whether a summary publishes counts (one published before `countsPublished` existed always did). */
export const countsPublished = (s: Summary) => (s as Partial<Summary>).countsPublished !== false;

/** Before the close of the polls, instead of every count: when the counts will appear. */
function renderCountsWithheld(s: Summary, language: Language): string {
  const t = MESSAGES[language];
  const when = s.countsFrom ? formatsOf(language).atOwnOffset(s.countsFrom) : undefined;
  const text = when ? t.countsWithheld(when.time, when.day) : t.countsWithheldNoTime;
  const datetime = s.countsFrom ? ` datetime="${escapeHtml(s.countsFrom)}"` : '';
  return `<section aria-labelledby="h-results" class="withheld"><h2 id="h-results">${t.resultsHeading}</h2><p><strong><time${datetime}>${text}</time></strong></p></section>`;
}

/** Everything the live updates replace: the outlook, turnout, votes, seats, referendum, ballots and the latest changes. */
export function renderLiveContent(s: Summary, language: Language): string {
  const counts = countsPublished(s)
    ? [renderVotes, renderSeats, renderReferendum, renderBallots]
    : [renderCountsWithheld];
  return [renderOutlook, renderTurnout, ...counts, renderChangesBox]
    .map((part) => part(s, language))
    .join('');
}

/** The open-data links of a summary: the live script repoints them when a newer one arrives. */
export function openDataLinks(s: Summary) {
  return {
    summaryJson: urlPathOf(publicPaths(s.electionId).snapshot(s.seq)),
    summaryCsv: s.links.csv,
    pointer: urlPathOf(publicPaths(s.electionId).pointer),
    definition: s.links.definition,
  };
}

function renderOpenData(s: Summary, language: Language): string {
  const t = MESSAGES[language];
  const links = openDataLinks(s);
  const items = (Object.keys(links) as (keyof typeof links)[])
    .map((key) => `<li><a id="data-${key}" href="${escapeHtml(links[key])}">${t.downloads[key]}</a></li>`)
    .join('');
  return `<section aria-labelledby="h-data"><h2 id="h-data">${t.openData}</h2><p>${t.openDataIntro}</p><ul class="downloads">${items}</ul></section>`;
}

function renderDrillDown(s: Summary, language: Language): string {
  const t = MESSAGES[language];
  return `<section aria-labelledby="h-drill" id="drill"><h2 id="h-drill">${t.drillDown}</h2>
<form id="drill-form" class="drill" role="search" hidden><label for="drill-query">${t.drillDownLabel}</label><span class="muted" id="drill-hint">${t.drillDownHint}</span><span class="drill-row"><input id="drill-query" name="q" type="search" autocomplete="off" required maxlength="200" aria-describedby="drill-hint"><button type="submit">${t.drillDownButton}</button></span></form>
<noscript><p>${t.drillDownNoScript(escapeHtml(`${s.links.sections}<n>.json`))}</p></noscript>
<p id="drill-status" role="status"></p><div id="drill-result"></div></section>`;
}

export function renderResultsPage(
  summary: Summary,
  options: { language: Language; location: PageLocation; assets: SiteAssets },
): string {
  const s = summary;
  const { language, location, assets } = options;
  const t = MESSAGES[language];
  const otherPage = pageUrl(s.electionId, location, otherLanguageOf(language));
  const title = `${escapeHtml(s.name)} — ${t.results}${s.rehearsal ? ` (${t.rehearsalTitle})` : ''}`;
  return `${pageStart(language)}
<title>${title}</title>
<meta name="description" content="${escapeHtml(`${s.name}: ${t.turnout}, ${t.resultsHeading}`)}">
<meta name="election-id" content="${escapeHtml(s.electionId)}">
<meta name="results-seq" content="${s.seq}">
${stylesheetLink(assets)}
<link rel="alternate" hreflang="${otherLanguageOf(language)}" href="${otherPage}">
${assets.resultsScript ? `<script src="${escapeHtml(assets.resultsScript)}" defer></script>` : ''}
</head>
<body${s.rehearsal ? ' class="rehearsal"' : ''}>
<a class="skip" href="#results">${t.skipToResults}</a>
${rehearsalBanner(s.rehearsal, language)}
<header>
${languageSwitch(language, otherPage)}
<h1>${escapeHtml(s.name)}</h1>
<div id="state">${renderState(s, language)}</div>
${renderRoundLink(s, language)}
<p id="live-status" class="muted" role="status"></p>
</header>
<main id="results" tabindex="-1">
<div id="live">${renderLiveContent(s, language)}</div>
${pollingMap(s, language)}${renderDrillDown(s, language)}
${renderOpenData(s, language)}
</main>
<footer><p class="muted">${t.footer(escapeHtml(s.municipality.name))}</p></footer>
</body>
</html>
`;
}
