/**
 * The officer's one screen: the section, its outbox, a form per turnout reading and the
 * count, each beside what the server has stored. Pure: data in, HTML out; screen.ts draws it.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { renderChecks } from './checks-view.js';
import { APP_MESSAGES, type AppLanguage, type AppMessages } from './messages.js';
import type { SectionData, StoredItemView } from './officer-api.js';
import type { OutboxItem } from './outbox.js';
import { renderOutbox } from './outbox-view.js';
import { otherLanguage } from './state.js';
import { renderTallyForm } from './tally-form.js';

function storedLine(item: StoredItemView | undefined, t: AppMessages, language: AppLanguage): string {
  if (!item?.version) return `<p class="stored muted">${t.stored}: ${t.results.none}</p>`;
  const status = t.status[item.status] ?? item.status;
  return `<div class="stored"><p>${t.stored}: <strong>${escapeHtml(status)}</strong> (${t.version(item.version)})</p>${
    item.status === 'flagged' ? renderChecks(item.checks, language) : ''
  }</div>`;
}

/** After certification nothing can change: the forms stay readable, their buttons do not send. */
const submitButton = (data: SectionData, label: string) =>
  `<button type="submit"${data.electionState === 'certified' ? ' disabled' : ''}>${label}</button>`;

function turnoutForm(data: SectionData, slotId: string, t: AppMessages, language: AppLanguage): string {
  const slot = data.election.turnoutSlots.find((s) => s.id === slotId);
  const stored = data.turnout[slotId];
  const id = (name: string) => `t-${slotId}-${name}`;
  const input = (name: string, label: string, value: number | undefined, required = false) =>
    `<div class="field"><label for="${id(name)}">${label}</label><input id="${id(name)}" name="${name}" inputmode="numeric" pattern="[0-9]*" autocomplete="off"${required ? ' required' : ''} value="${value ?? ''}"></div>`;
  return `<form class="card" data-form="turnout" data-slot="${escapeHtml(slotId)}" novalidate aria-labelledby="${id('h')}">
<h3 id="${id('h')}">${escapeHtml(slot?.label ?? slotId)}</h3>${storedLine(stored, t, language)}
${input('voters', t.turnout.voters, stored?.voters, true)}
<details><summary>${t.turnout.male} / ${t.turnout.female}</summary>${input('votersMale', t.turnout.male, stored?.votersMale)}${input('votersFemale', t.turnout.female, stored?.votersFemale)}</details>
<div class="checks-box" data-checks></div>
${submitButton(data, t.turnout.send)}</form>`;
}

export function renderSectionPage(
  data: SectionData,
  outbox: OutboxItem[],
  options: { language: AppLanguage; online: boolean; staleData: boolean; sending: boolean; origin: string },
): string {
  const { language } = options;
  const t = APP_MESSAGES[language];
  const count = new Intl.NumberFormat(t.locale);
  const { section, election } = data;
  const results: StoredItemView = {
    version: data.version,
    status: data.status,
    checks: data.checks,
    submittedAt: data.submittedAt,
  };
  return `${election.rehearsal ? `<p class="rehearsal-banner" role="note">${t.rehearsal}</p>` : ''}
<header class="bar">
<p class="connection ${options.online ? 'online' : 'offline'}" role="status">${options.online ? t.online : t.offline}</p>
<div class="actions"><button type="button" id="language" data-action="language" lang="${otherLanguage(language)}" class="secondary">${t.otherLanguage}</button><button type="button" id="sign-out" data-action="sign-out" class="secondary">${t.signOut}</button></div>
<h1 id="page-title" tabindex="-1">${escapeHtml(section.name)}</h1>
<p class="muted">${escapeHtml(election.name)}${section.district ? ` · ${escapeHtml(section.district)}` : ''} · ${t.registered(count.format(section.registeredVoters))}</p>
${options.staleData ? `<p class="notice">${t.loadingFailed}</p>` : ''}
${data.electionState === 'certified' ? `<p class="notice" role="note">${t.certified}</p>` : ''}
</header>
<div id="broadcasts" class="broadcasts"></div>
<section id="outbox" aria-label="${t.outbox.heading}">${renderOutbox(outbox, data, language, options.sending, options.origin)}</section>
${
  election.turnoutSlots.length
    ? `<section aria-labelledby="h-turnout"><h2 id="h-turnout">${t.turnout.heading}</h2>${election.turnoutSlots
        .map((slot) => turnoutForm(data, slot.id, t, language))
        .join('')}</section>`
    : ''
}
<section aria-labelledby="h-results"><h2 id="h-results" tabindex="-1">${t.results.heading}</h2>${storedLine(results, t, language)}
<form class="card" data-form="results" novalidate aria-labelledby="h-results"><p class="muted">${t.results.intro}</p>
${renderTallyForm(election, data.results, t)}
<div class="checks-box" data-checks></div>
${submitButton(data, data.version ? t.results.correct : t.results.send)}</form></section>
<dialog id="confirm" aria-labelledby="confirm-title"><h2 id="confirm-title">${t.checks.confirmTitle}</h2><div id="confirm-checks"></div><p>${t.checks.confirmText}</p>
<form method="dialog" class="dialog-actions"><button value="back" class="secondary">${t.checks.confirmBack}</button><button value="send">${t.checks.confirmSend}</button></form></dialog>`;
}
