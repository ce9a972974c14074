/**
 * Signing in with a section's code (online, or offline with the copy already on this phone) and
 * signing out, which forgets every code and copy on the phone.
 */

import { deviceStore } from './device-store.js';
import { confirmSignOut } from './dialogs.js';
import { APP_MESSAGES } from './messages.js';
import { sectionData, sessionOf } from './officer-api.js';
import { render, renderSignIn } from './screen.js';
import type { App } from './state.js';
import { flush } from './sync.js';

const focusTitle = () => document.getElementById('page-title')?.focus();

export async function signIn(app: App, token: string): Promise<void> {
  const { state } = app;
  const t = () => APP_MESSAGES[state.language];
  const session = await sessionOf(token);
  if (session === 'unreachable') {
    // Offline with this section already loaded on this phone: carry on with the saved copy.
    const saved = deviceStore.section();
    const current = deviceStore.current();
    if (saved && current && deviceStore.tokenFor(current.electionId, current.sectionId) === token) {
      state.data = saved;
      state.staleData = true;
      render(app);
      return focusTitle();
    }
    return renderSignIn(app, t().signIn.unreachable);
  }
  if (session === 'unauthorized') return renderSignIn(app, t().signIn.invalid);
  if (session.role !== 'officer') return renderSignIn(app, t().signIn.staff);
  deviceStore.saveToken(session.electionId, session.sectionId, token);
  const fresh = await sectionData(token, session.electionId, session.sectionId);
  if (!fresh || fresh === 'unauthorized') return renderSignIn(app, t().signIn.unreachable);
  state.data = fresh;
  deviceStore.saveSection(fresh);
  state.staleData = false;
  render(app);
  focusTitle();
  await flush(app);
}

export function signOut(app: App): void {
  if (!confirmSignOut(app.outbox.waiting(), APP_MESSAGES[app.state.language])) return;
  deviceStore.forgetAll();
  app.state.dirty.clear();
  renderSignIn(app);
}
