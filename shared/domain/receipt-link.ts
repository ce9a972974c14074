/**
 * The link an officer's receipt is shown as, in text and as a QR code:
 * `<site origin>/verify/?election=<e>&section=<s>&receipt=<64 hex>`, which opens the public
 * verification page filled in; and reading one back (a scanned QR code, a pasted link, the page's
 * own query). Browser-safe.
 */

export const VERIFY_PAGE_PATH = '/verify/';

export interface ReceiptLink {
  electionId: string;
  sectionId: string;
  receipt: string;
}

export function receiptLink(siteOrigin: string, { electionId, sectionId, receipt }: ReceiptLink): string {
  const url = new URL(VERIFY_PAGE_PATH, siteOrigin);
  url.search = new URLSearchParams({ election: electionId, section: sectionId, receipt }).toString();
  return url.href;
}

/** What a query string gives, each field trimmed, absent when empty. */
export function receiptFieldsOf(params: URLSearchParams): Partial<ReceiptLink> {
  const field = (name: string) => params.get(name)?.trim() || undefined;
  const fields = {
    electionId: field('election'),
    sectionId: field('section'),
    receipt: field('receipt')?.toLowerCase(),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/**
 * The receipt a scanned or pasted text holds: a link to the verification page (of any origin:
 * the page verifies against its own), or, for a bare receipt, just its 64 hex digits.
 */
export function parseReceiptText(text: string): Partial<ReceiptLink> | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return { receipt: trimmed.toLowerCase() };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!url.pathname.endsWith(VERIFY_PAGE_PATH)) return undefined;
  const fields = receiptFieldsOf(url.searchParams);
  return fields.receipt ? fields : undefined;
}
