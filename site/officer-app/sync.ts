/**
 * The outbox's sending, as the officer sees it: what waits goes out, what the server answered is
 * said aloud, and the section is read again to show what it now stores (outbox.ts keeps and
 * sends the items; this says and shows what happened).
 */

import { deviceStore } from './device-store.js';
import { APP_MESSAGES } from './messages.js';
import { sectionData } from './officer-api.js';
import { announcementOf } from './outbox-view.js';
import { announce, render, renderOutboxOnly, renderSignIn } from './screen.js';
import { type App, changedSince } from './state.js';

/** Sends what waits; says aloud what the server answered, and shows what it now stores. */
export async function flush(app: App): Promise<void> {
  const { state, outbox } = app;
  if (!outbox.waiting() || state.sending) return;
  state.sending = true;
  renderOutboxOnly(app);
  const before = new Map(outbox.items().map((i) => [i.id, i.state.name]));
  const result = await outbox.flush();
  state.sending = false;
  const changed = changedSince(before, outbox.items());
  if (state.data && changed.length) announce(announcementOf(changed, state.data, state.language));
  if (result === 'unauthorized') return renderSignIn(app, APP_MESSAGES[state.language].signIn.revoked);
  if (changed.length) await refresh(app);
  else renderOutboxOnly(app);
}

/** Reads the section again from the server; offline, keeps the last copy and says so. */
export async function refresh(app: App): Promise<void> {
  const { state } = app;
  const data = state.data;
  if (!data) return;
  const fresh = await sectionData(
    deviceStore.tokenFor(data.electionId, data.section.id),
    data.electionId,
    data.section.id,
  );
  if (fresh === 'unauthorized') return renderSignIn(app, APP_MESSAGES[state.language].signIn.revoked);
  if (fresh) {
    state.data = fresh;
    state.staleData = false;
    deviceStore.saveSection(fresh);
  } else state.staleData = true;
  render(app);
}
