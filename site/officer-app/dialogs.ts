/**
 * The app's two questions: sending a count whose checks fail, and signing out while
 * submissions still wait. A screen drawn while the confirmation is open waits for it to close.
 */
import { type CheckView, renderChecks } from './checks-view.js';
import type { AppLanguage, AppMessages } from './messages.js';

let drawAfterClose: (() => void) | undefined;

const confirmDialog = () => document.getElementById('confirm') as HTMLDialogElement | null;

/**
 * While the confirmation is open the page is not redrawn under it: `draw` runs once it closes.
 * Answers whether it had to wait.
 */
export function waitForDialog(draw: () => void): boolean {
  if (confirmDialog()?.open !== true) return false;
  drawAfterClose = draw;
  return true;
}

/** A flagged draft goes out only when the officer confirms it, knowing what is wrong. */
export function confirmFlagged(checks: readonly CheckView[], language: AppLanguage): Promise<boolean> {
  const dialog = confirmDialog();
  const list = document.getElementById('confirm-checks');
  if (!dialog || !list) return Promise.resolve(false);
  list.innerHTML = renderChecks(checks, language);
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) =>
    dialog.addEventListener(
      'close',
      () => {
        resolve(dialog.returnValue === 'send');
        const draw = drawAfterClose;
        drawAfterClose = undefined;
        if (draw) queueMicrotask(draw);
      },
      { once: true },
    ),
  );
}

/** Signing out forgets what waits on the phone: asked first when anything does. */
export const confirmSignOut = (waiting: number, t: AppMessages): boolean =>
  !waiting || window.confirm(t.signOutWithWaiting(waiting));
