/**
 * Puts the views on the page: the sign-in or the section, drawn again from the state while
 * keeping what the officer is typing and where the focus is; the outbox and the connection line
 * alone; and what is said aloud.
 */

import { renderBroadcasts } from './broadcasts-view.js';
import { waitForDialog } from './dialogs.js';
import { captureDrafts, restoreDrafts } from './drafts.js';
import { updateChecks } from './live-checks.js';
import { APP_MESSAGES } from './messages.js';
import { renderOutbox } from './outbox-view.js';
import { renderSectionPage } from './section-view.js';
import { renderSignInPage } from './sign-in-view.js';
import type { App } from './state.js';

const root = () => document.getElementById('app') as HTMLElement;

/** Said once by screen readers, from a region that outlives every re-render. */
export function announce(text: string): void {
  const announcer = document.getElementById('announcer');
  if (announcer) announcer.textContent = text;
}

/** The sign-in screen (signed out: the section is forgotten), with why, if the last attempt failed. */
export function renderSignIn(app: App, error = ''): void {
  const t = APP_MESSAGES[app.state.language];
  document.title = t.title;
  app.state.data = undefined;
  app.state.broadcasts = [];
  root().innerHTML = renderSignInPage({ language: app.state.language, error, waiting: app.outbox.waiting() });
}

/** Draws the section again from the state, keeping what the officer is typing and where the focus is. */
export function render(app: App): void {
  const { state } = app;
  const data = state.data;
  if (!data) {
    renderSignIn(app);
    return;
  }
  if (waitForDialog(() => render(app))) return;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const drafts = captureDrafts(root(), state.dirty);
  document.title = `${data.section.name} — ${APP_MESSAGES[state.language].title}`;
  const opened = openReceipts();
  root().innerHTML = renderSectionPage(data, app.outbox.items(), {
    language: state.language,
    online: navigator.onLine,
    staleData: state.staleData,
    sending: state.sending,
    origin: location.origin,
  });
  reopenReceipts(opened);
  renderBroadcastsOnly(app);
  restoreDrafts(root(), drafts);
  for (const form of root().querySelectorAll<HTMLFormElement>('form[data-form]')) updateChecks(form, state);
  if (focused) document.getElementById(focused)?.focus();
}

/** The messages not acknowledged, alone: a poll or an acknowledgement leaves the forms as they are. */
export function renderBroadcastsOnly(app: App): void {
  const box = document.getElementById('broadcasts');
  if (box) box.innerHTML = renderBroadcasts(app.state.broadcasts, app.state.language);
}

export function renderOutboxOnly(app: App): void {
  const box = document.getElementById('outbox');
  const { data, language, sending } = app.state;
  if (!box || !data) return;
  const opened = openReceipts();
  box.innerHTML = renderOutbox(app.outbox.items(), data, language, sending, location.origin);
  reopenReceipts(opened);
}

/** The receipts the officer has open (to show the observers), kept open across a re-render. */
const openReceipts = () =>
  [...document.querySelectorAll<HTMLDetailsElement>('details.receipt[open]')].map((d) => d.id);

function reopenReceipts(ids: string[]): void {
  for (const id of ids) document.getElementById(id)?.setAttribute('open', '');
}

export function updateConnection(app: App): void {
  const line = root().querySelector('.connection');
  if (!line) return;
  const t = APP_MESSAGES[app.state.language];
  line.className = `connection ${navigator.onLine ? 'online' : 'offline'}`;
  line.textContent = navigator.onLine ? t.online : t.offline;
}
