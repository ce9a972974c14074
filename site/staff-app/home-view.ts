/**
 * Signed in, no election open: the elections of the account's scope to open (any, typed, for an
 * account of every election), and for an admin the definition of an election from its file. Pure.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { offerTo } from './access.js';
import { STAFF_MESSAGES, type StaffLanguage } from './messages.js';
import { headerActions, sessionLine } from './session-bar.js';
import type { StaffSession } from './state.js';

export function renderHomePage(options: {
  language: StaffLanguage;
  session: StaffSession;
  election: string;
  notice: string;
}): string {
  const { language, session, election, notice } = options;
  const t = STAFF_MESSAGES[language];
  const h = t.home;
  const d = t.define;
  const choice =
    session.elections === 'all'
      ? `<form class="card" data-form="open-election"><div class="field stacked"><label for="open-election">${h.election}</label><input id="open-election" name="election" autocomplete="off" required value="${escapeHtml(election)}"></div><button type="submit">${h.open}</button></form>`
      : `<ul class="choices">${session.elections
          .map(
            (id) =>
              `<li><button type="button" data-action="open" data-election="${escapeHtml(id)}">${h.openOne(escapeHtml(id))}</button></li>`,
          )
          .join('')}</ul>`;
  const define = offerTo(session).define
    ? `<section aria-labelledby="h-define"><h2 id="h-define">${d.heading}</h2><form class="card" data-form="define"><p>${d.intro}</p><div class="field stacked"><label for="define-file">${d.file}</label><input id="define-file" name="definition" type="file" accept="application/json,.json" required></div><button type="submit">${d.button}</button></form></section>`
    : '';
  return `<header class="bar">${headerActions(session, language, 'home')}<h1 id="page-title" tabindex="-1">${t.title}</h1>
${sessionLine(session, language)}
${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ''}</header>
<section aria-labelledby="h-open"><h2 id="h-open">${h.heading}</h2>${choice}</section>
${define}`;
}
