/**
 * The staff page's broadcasts: the form that sends a message to every polling station (clerk or
 * above), and each message sent with how many and which sections acknowledged it. Pure.
 */
import { MAX_MESSAGE_LENGTH } from '../../shared/domain/staff-messages.js';
import { escapeHtml } from '../../shared/pages/html.js';
import type { StaffMessages } from './messages.js';
import type { Overview } from './overview.js';

const timeOf = (iso: string) =>
  new Date(iso).toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit' });

export function renderBroadcasts(overview: Overview, t: StaffMessages, canSend: boolean): string {
  const b = t.broadcasts;
  const form = canSend
    ? `<form data-form="broadcast" class="card"><p>${b.intro}</p><div class="field"><label for="broadcast-text">${b.text}</label><textarea id="broadcast-text" name="text" rows="3" maxlength="${MAX_MESSAGE_LENGTH}" required></textarea></div><button type="submit"${overview.state === 'certified' ? ' disabled' : ''}>${b.send}</button></form>`
    : '';
  const messages = overview.messages ?? [];
  const total = overview.sections.length;
  const list = messages.length
    ? `<ul class="broadcasts">${messages
        .map(
          (m) =>
            `<li data-message="${escapeHtml(m.id)}"><p class="broadcast-text">${escapeHtml(m.text)}</p><p class="muted">${escapeHtml(b.sentBy(m.sentBy, timeOf(m.sentAt)))}</p><p class="acks">${escapeHtml(b.acknowledged(m.acknowledged.count, total))}${
              m.acknowledged.sections.length ? `: ${m.acknowledged.sections.map(escapeHtml).join(', ')}` : ''
            }</p></li>`,
        )
        .join('')}</ul>`
    : `<p class="muted">${b.none}</p>`;
  return `${form}${list}`;
}
