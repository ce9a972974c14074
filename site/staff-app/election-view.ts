/**
 * The staff page's screen for an election, from its overview: the header with who is signed in
 * and the progress, what needs review (review-view.ts), the officer codes, the exports and
 * certification, each as far as the role goes (access.ts). Pure: data and words in, HTML out.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { offerTo } from './access.js';
import { renderBroadcasts } from './broadcasts-view.js';
import { renderHistory } from './history-view.js';
import { STAFF_MESSAGES, type StaffLanguage, type StaffMessages } from './messages.js';
import {
  flaggedItems,
  type Overview,
  type QuarantinedView,
  reportedCount,
  sortedOverview,
} from './overview.js';
import { renderFlagged, renderHealing, renderMissing, renderQuarantine } from './review-view.js';
import { headerActions, sessionLine } from './session-bar.js';
import type { SectionHistory, StaffSession } from './state.js';
import { renderWatch } from './watch-view.js';

export function renderElectionPage(
  unsorted: Overview,
  quarantine: QuarantinedView[] | undefined,
  options: {
    language: StaffLanguage;
    notice: string;
    session: StaffSession;
    certifyApprovals: { approvals: number; needed: number } | undefined;
    history?: SectionHistory | undefined;
    /** The watch shows the late sections only. */
    watchLateOnly?: boolean;
  },
): string {
  const { language, notice, session } = options;
  const offer = offerTo(session);
  const t = STAFF_MESSAGES[language];
  const overview = sortedOverview(unsorted);
  const flagged = flaggedItems(overview).length;
  const certified = overview.state === 'certified';
  const state = certified
    ? `<strong>${t.certifiedState.strong}</strong>${t.certifiedState.rest}`
    : t.openState;
  const e = t.exports;
  return `${overview.rehearsal ? `<p class="rehearsal-banner" role="note">${t.rehearsal}</p>` : ''}
<header class="bar">${headerActions(session, language, 'election')}
<h1 id="page-title" tabindex="-1">${escapeHtml(overview.name)}</h1>
${sessionLine(session, language)}
<p class="muted">${state} ${t.progress(reportedCount(overview), overview.sections.length, flagged)}</p>
${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ''}</header>
<section aria-labelledby="h-flagged"><h2 id="h-flagged" tabindex="-1">${t.flagged.heading(flagged)}</h2>${renderFlagged(overview, t, language, offer.review)}</section>
<section aria-labelledby="h-missing"><h2 id="h-missing">${t.missing.heading}</h2>${renderMissing(overview, t)}</section>
<section aria-labelledby="h-watch"><h2 id="h-watch" tabindex="-1">${t.watch.heading}</h2>${renderWatch(overview, t, options.watchLateOnly === true)}</section>
<section aria-labelledby="h-broadcasts"><h2 id="h-broadcasts" tabindex="-1">${t.broadcasts.heading}</h2>${renderBroadcasts(overview, t, offer.broadcast)}</section>
${offer.quarantine ? `<section aria-labelledby="h-quarantine"><h2 id="h-quarantine">${t.quarantine.heading}</h2>${renderQuarantine(quarantine, t)}</section>` : ''}
<section aria-labelledby="h-healing"><h2 id="h-healing">${t.healing.heading}</h2>${renderHealing(unsorted.healing, t)}</section>
<section aria-labelledby="h-history"><h2 id="h-history">${t.history.heading}</h2><form data-form="history" class="card"><div class="field"><label for="history-section">${t.history.section}</label><input id="history-section" name="section" autocomplete="off" required value="${escapeHtml(options.history?.sectionId ?? '')}"></div><button type="submit">${t.history.show}</button></form>${options.history ? renderHistory(options.history, t, language) : ''}</section>
${offer.codes ? codesSection(certified, t) : ''}
<section aria-labelledby="h-exports"><h2 id="h-exports">${e.heading}</h2><div class="actions start"><button type="button" data-action="export" data-format="csv" class="secondary">${e.csv}</button><button type="button" data-action="export" data-format="json" class="secondary">${e.json}</button><button type="button" data-action="export" data-format="cdf" class="secondary">${e.cdf}</button><button type="button" data-action="audit" class="secondary">${e.audit}</button></div></section>
<section aria-labelledby="h-certify"><h2 id="h-certify">${t.certify.heading}</h2>${certifySection(overview, t, offer.certify, options.certifyApprovals)}</section>`;
}

function codesSection(certified: boolean, t: StaffMessages): string {
  const c = t.codes;
  return `<section aria-labelledby="h-codes"><h2 id="h-codes">${c.heading}</h2>
<form data-form="codes" class="card"><p>${c.intro}</p>
<div class="field"><label for="codes-sections">${c.sections}</label><input id="codes-sections" name="sections" autocomplete="off" required></div>
<fieldset${certified ? ' disabled' : ''}><legend>${c.operation}</legend>
<label class="inline"><input type="radio" name="operation" value="issue" required> ${c.issue}</label>
<label class="inline"><input type="radio" name="operation" value="revoke" required> ${c.revoke}</label>
<button type="submit">${c.confirm}</button></fieldset></form></section>`;
}

function certifySection(
  overview: Overview,
  t: StaffMessages,
  allowed: boolean,
  approvals: { approvals: number; needed: number } | undefined,
): string {
  if (overview.state === 'certified') return `<p>${t.certify.done}</p>`;
  if (!allowed) return `<p class="muted" id="certify-not-allowed">${t.certify.needsSupervisor}</p>`;
  const pending = approvals
    ? `<p class="notice" id="certify-approvals">${t.certify.approvals(approvals.approvals, approvals.needed)}</p>`
    : '';
  return `${pending}<form data-form="certify" class="card"><p>${t.certify.intro} <code>${escapeHtml(overview.electionId)}</code></p><div class="field"><label for="certify-confirm">${t.certify.label}</label><input id="certify-confirm" name="confirm" autocomplete="off" required></div><button type="submit">${t.certify.button}</button></form>`;
}
