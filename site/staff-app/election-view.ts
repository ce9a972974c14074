/**
 * The staff page's screen for an election, from its overview: the header with the progress,
 * what needs review (review-view.ts), the officer codes, the exports and certification. Pure:
 * data and words in, HTML out.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { languageButton } from './language-switch.js';
import { STAFF_MESSAGES, type StaffLanguage } from './messages.js';
import {
  flaggedItems,
  type Overview,
  type QuarantinedView,
  reportedCount,
  sortedOverview,
} from './overview.js';
import { renderFlagged, renderHealing, renderMissing, renderQuarantine } from './review-view.js';

export function renderElectionPage(
  unsorted: Overview,
  quarantine: QuarantinedView[] | undefined,
  options: { language: StaffLanguage; notice: string },
): string {
  const { language, notice } = options;
  const t = STAFF_MESSAGES[language];
  const overview = sortedOverview(unsorted);
  const flagged = flaggedItems(overview).length;
  const certified = overview.state === 'certified';
  const state = certified
    ? `<strong>${t.certifiedState.strong}</strong>${t.certifiedState.rest}`
    : t.openState;
  const c = t.codes;
  const e = t.exports;
  return `${overview.rehearsal ? `<p class="rehearsal-banner" role="note">${t.rehearsal}</p>` : ''}
<header class="bar"><div class="actions">${languageButton(language)}<button type="button" id="reload" data-action="reload" class="secondary">${t.reload}</button><button type="button" id="sign-out" data-action="sign-out" class="secondary">${t.signOut}</button></div>
<h1 id="page-title" tabindex="-1">${escapeHtml(overview.name)}</h1>
<p class="muted">${state} ${t.progress(reportedCount(overview), overview.sections.length, flagged)}</p>
${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ''}</header>
<section aria-labelledby="h-flagged"><h2 id="h-flagged" tabindex="-1">${t.flagged.heading(flagged)}</h2>${renderFlagged(overview, t, language)}</section>
<section aria-labelledby="h-missing"><h2 id="h-missing">${t.missing.heading}</h2>${renderMissing(overview, t)}</section>
<section aria-labelledby="h-quarantine"><h2 id="h-quarantine">${t.quarantine.heading}</h2>${renderQuarantine(quarantine, t)}</section>
<section aria-labelledby="h-healing"><h2 id="h-healing">${t.healing.heading}</h2>${renderHealing(unsorted.healing, t)}</section>
<section aria-labelledby="h-codes"><h2 id="h-codes">${c.heading}</h2>
<form data-form="codes" class="card"><p>${c.intro}</p>
<div class="field"><label for="codes-sections">${c.sections}</label><input id="codes-sections" name="sections" autocomplete="off" required></div>
<fieldset${certified ? ' disabled' : ''}><legend>${c.operation}</legend>
<label class="inline"><input type="radio" name="operation" value="issue" required> ${c.issue}</label>
<label class="inline"><input type="radio" name="operation" value="revoke" required> ${c.revoke}</label>
<button type="submit">${c.confirm}</button></fieldset></form></section>
<section aria-labelledby="h-exports"><h2 id="h-exports">${e.heading}</h2><div class="actions start"><button type="button" data-action="export" data-format="csv" class="secondary">${e.csv}</button><button type="button" data-action="export" data-format="json" class="secondary">${e.json}</button><button type="button" data-action="export" data-format="cdf" class="secondary">${e.cdf}</button><button type="button" data-action="audit" class="secondary">${e.audit}</button></div></section>
<section aria-labelledby="h-certify"><h2 id="h-certify">${t.certify.heading}</h2>${
    certified
      ? `<p>${t.certify.done}</p>`
      : `<form data-form="certify" class="card"><p>${t.certify.intro} <code>${escapeHtml(overview.electionId)}</code></p><div class="field"><label for="certify-confirm">${t.certify.label}</label><input id="certify-confirm" name="confirm" autocomplete="off" required></div><button type="submit">${t.certify.button}</button></form>`
  }</section>`;
}
