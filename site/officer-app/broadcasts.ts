/**
 * The municipality's messages on the officer's phone: read every 45 s while the app is open,
 * visible and online (each read is also the section's heartbeat on the staff page), shown at the
 * top until the officer acknowledges each; said aloud when a new one arrives.
 */
import { deviceStore } from './device-store.js';
import { APP_MESSAGES } from './messages.js';
import { acknowledgeBroadcast, readBroadcasts } from './officer-api.js';
import { announce, renderBroadcastsOnly } from './screen.js';
import type { App } from './state.js';

/** Between 30 and 60 s: cheap for the server, soon enough for a message of the night. */
export const BROADCAST_POLL_MS = 45_000;

/** Reads the messages now (signed in, online, visible), and shows those not acknowledged. */
export async function pollBroadcasts(app: App): Promise<void> {
  const data = app.state.data;
  if (!data || !navigator.onLine || document.hidden) return;
  const messages = await readBroadcasts(
    deviceStore.tokenFor(data.electionId, data.section.id),
    data.electionId,
    data.section.id,
  );
  if (!messages || app.state.data !== data) return;
  const known = new Set(app.state.broadcasts.map((m) => m.id));
  const fresh = messages.filter((m) => m.acknowledgedAt === null && !known.has(m.id));
  app.state.broadcasts = messages;
  renderBroadcastsOnly(app);
  if (fresh[0]) announce(`${APP_MESSAGES[app.state.language].broadcasts.heading}: ${fresh[0].text}`);
}

/** The officer acknowledges a message: gone from the screen once the server has it. */
export async function acknowledge(app: App, messageId: string): Promise<void> {
  const data = app.state.data;
  if (!data) return;
  const token = deviceStore.tokenFor(data.electionId, data.section.id);
  if (!(await acknowledgeBroadcast(token, data.electionId, data.section.id, messageId))) return;
  const now = new Date().toISOString();
  app.state.broadcasts = app.state.broadcasts.map((m) =>
    m.id === messageId ? { ...m, acknowledgedAt: m.acknowledgedAt ?? now } : m,
  );
  renderBroadcastsOnly(app);
  announce(APP_MESSAGES[app.state.language].broadcasts.acknowledged);
  document.getElementById('page-title')?.focus();
}
