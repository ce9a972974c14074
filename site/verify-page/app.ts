/**
 * The verification page's wiring: fills the form from the query (the receipt's QR link), from a
 * scanned code or a chosen photo; verifies in the browser against the site's own published files
 * (checkpoint, key, tiles, bundles, section file: same origin, no API) and says the verdict.
 */

import type { FetchPublicFile } from '../../shared/domain/public-log-paths.js';
import { verifyReceipt } from '../../shared/domain/public-log-receipt.js';
import { parseReceiptText, type ReceiptLink, receiptFieldsOf } from '../../shared/domain/receipt-link.js';
import { type CameraScan, cameraAvailable, scanWithCamera } from './camera-scan.js';
import { decodeQrFile } from './qr-decode.js';
import { renderNotice, renderVerdict } from './result-view.js';
import { WORDS } from './words.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const siteFiles: FetchPublicFile = async (path) => {
  const answer = await fetch(path, { cache: 'no-cache', credentials: 'omit' });
  if (answer.status === 404 || answer.status === 403) return undefined;
  if (!answer.ok) throw new Error(`${path} answered ${answer.status}`);
  return new Uint8Array(await answer.arrayBuffer());
};

const form = byId<HTMLFormElement>('receipt-form');
const fields = {
  electionId: byId<HTMLInputElement>('election'),
  sectionId: byId<HTMLInputElement>('section'),
  receipt: byId<HTMLTextAreaElement>('receipt'),
};
const result = byId<HTMLElement>('result');
const scanStatus = byId<HTMLElement>('scan-status');

function fill(values: Partial<ReceiptLink>) {
  for (const [name, field] of Object.entries(fields)) {
    const value = values[name as keyof ReceiptLink];
    if (value !== undefined) field.value = value;
  }
}

const sayScan = (words: { it: string; en: string }) => {
  scanStatus.textContent = `${words.it} ${words.en}`;
};

async function verify() {
  const electionId = fields.electionId.value.trim();
  const receipt = fields.receipt.value.trim().toLowerCase();
  const sectionId = fields.sectionId.value.trim();
  if (!electionId || !receipt) {
    renderNotice(result, WORDS.missingFields);
    return;
  }
  const query = new URLSearchParams({
    election: electionId,
    ...(sectionId ? { section: sectionId } : {}),
    receipt,
  });
  history.replaceState(null, '', `?${query}`);
  renderNotice(result, WORDS.verifying);
  try {
    renderVerdict(
      result,
      await verifyReceipt(siteFiles, { electionId, receipt, ...(sectionId ? { sectionId } : {}) }),
    );
  } catch {
    renderNotice(result, WORDS.unreachable);
  }
  result.focus();
}

/** A scanned or photographed code: fills what it holds, and verifies when it holds enough. */
function useCode(text: string): boolean {
  const values = parseReceiptText(text);
  if (!values) {
    sayScan(WORDS.noCode);
    return false;
  }
  fill(values);
  sayScan(WORDS.scanned);
  if (fields.electionId.value.trim() && fields.receipt.value.trim()) void verify();
  return true;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void verify();
});

byId<HTMLInputElement>('photo').addEventListener('change', async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (!file) return;
  const text = await decodeQrFile(file).catch(() => undefined);
  if (text === undefined) sayScan(WORDS.noCode);
  else useCode(text);
});

const cameraButton = byId<HTMLButtonElement>('camera');
let scan: CameraScan | undefined;
if (cameraAvailable()) {
  cameraButton.hidden = false;
  cameraButton.addEventListener('click', async () => {
    if (scan) {
      scan.stop();
      scan = undefined;
      scanStatus.textContent = '';
      return;
    }
    try {
      sayScan(WORDS.scanning);
      scan = await scanWithCamera(byId<HTMLVideoElement>('camera-view'), (text) => {
        const used = useCode(text);
        if (used) scan = undefined;
        return used;
      });
    } catch {
      sayScan(WORDS.noCamera);
    }
  });
}

const fromQuery = receiptFieldsOf(new URLSearchParams(location.search));
fill(fromQuery);
if (fromQuery.electionId && fromQuery.receipt) void verify();
