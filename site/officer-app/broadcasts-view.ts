/**
 * The municipality's messages not yet acknowledged, at the top of the officer's screen, each with
 * its button to acknowledge it. Pure: messages and words in, HTML out; screen.ts draws it.
 */
import { escapeHtml } from '../../shared/pages/html.js';
import { APP_MESSAGES, type AppLanguage } from './messages.js';
import type { BroadcastView } from './officer-api.js';

export function renderBroadcasts(messages: readonly BroadcastView[], language: AppLanguage): string {
  const t = APP_MESSAGES[language];
  const time = new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit' });
  return messages
    .filter((message) => message.acknowledgedAt === null)
    .map(
      (
        message,
      ) => `<article class="broadcast notice" id="broadcast-${escapeHtml(message.id)}" aria-labelledby="broadcast-h-${escapeHtml(message.id)}">
<h2 id="broadcast-h-${escapeHtml(message.id)}">${t.broadcasts.heading}</h2>
<p class="broadcast-text">${escapeHtml(message.text)}</p>
<p class="muted">${escapeHtml(t.broadcasts.sentAt(time.format(new Date(message.sentAt))))}</p>
<button type="button" data-action="acknowledge" data-message="${escapeHtml(message.id)}">${t.broadcasts.acknowledge}</button>
</article>`,
    )
    .join('');
}
