/**
 * A submission's receipt as the officer shows it to the observers (README, The public log): the
 * 64 hex digits in groups of four, easy to read aloud or copy, and a QR code of the `/verify/`
 * link that opens the check already filled in. Pure: the answer in, HTML out.
 */
import { renderSVG } from 'uqr';
import { type ReceiptLink, receiptLink } from '../../shared/domain/receipt-link.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { APP_MESSAGES, type AppLanguage } from './messages.js';

export type ReceiptOf = ReceiptLink;

/** "1a2b 3c4d ...": the receipt in groups of four. */
export const groupedReceipt = (receipt: string) => receipt.match(/.{1,4}/g)?.join(' ') ?? receipt;

export function renderReceipt(of: ReceiptOf, origin: string, language: AppLanguage, id: string): string {
  if (!/^[0-9a-f]{64}$/.test(of.receipt)) return '';
  const t = APP_MESSAGES[language].receipt;
  const link = receiptLink(origin, of);
  const qr = renderSVG(link, { ecc: 'M', border: 2 }).replace(
    '<svg ',
    `<svg role="img" aria-label="${escapeHtml(t.qr)}" `,
  );
  return `<details class="receipt" id="${escapeHtml(id)}"><summary>${t.summary}</summary><p>${t.explain}</p><p><code class="receipt-code" data-receipt="${of.receipt}">${groupedReceipt(of.receipt)}</code></p><div class="receipt-qr">${qr}</div><p><a href="${escapeHtml(link)}">${t.verify}</a></p></details>`;
}
