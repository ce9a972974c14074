/**
 * Anyone can verify the public log: a fixture log site made with the library
 * (test/helpers/public-log-site.ts) and the built site's /verify/ page, served by a tiny static
 * server on 127.0.0.1, checked by `npm run verify-log` (a child process) and by the page in
 * Chromium. A genuine receipt verifies in both, typed, from the QR link and from a photo of its
 * QR code; a tampered tile, entry bundle, checkpoint and key are each reported as the check they
 * break; `--since` passes with a checkpoint saved earlier and fails with one of another history.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/local/stack.js';
import { signerFromSeed } from '../../shared/domain/log/signed-note.js';
import { tilePath } from '../../shared/domain/log/tile-path.js';
import { receiptLink } from '../../shared/domain/receipt-link.js';
import { buildSite } from '../../site/build.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { collectPageErrors, launchChromium, screenshotPath } from '../helpers/browser.js';
import { flipped, type PublicLogSite, publicLogSite, writeSite } from '../helpers/public-log-site.js';
import { qrVideo } from '../helpers/qr-video.js';
import { startStaticSite } from '../helpers/static-site-server.js';

const LOG = '/results/demo-2026/log/';
let site: PublicLogSite;
let dir: string;
let server: { url: string; stop: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  site = await publicLogSite();
  dir = mkdtempSync(join(tmpdir(), 'verify-log-'));
  writeSite(dir, site.files);
  writeSite(dir, new Map((await buildSite()).map((file) => [`/${file.key}`, file.body])));
  [server, browser] = await Promise.all([startStaticSite(dir), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function verifyLog(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'infra/cli/verify-log.ts', 'demo-2026', '--site', server.url, ...args],
      { cwd: PROJECT_ROOT },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Runs `act` with the file at `path` replaced on disk, then puts it back. */
async function withTampered<T>(path: string, bytes: Uint8Array | string, act: () => Promise<T>): Promise<T> {
  const file = join(dir, path);
  const original = readFileSync(file);
  writeFileSync(file, bytes);
  try {
    return await act();
  } finally {
    writeFileSync(file, original);
  }
}

async function openPage(path: string, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  try {
    await page.goto(new URL(path, server.url).href);
    await run(page);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  } finally {
    await context.close();
  }
}

const queryOf = (line: { sectionId: string; receipt: string }) =>
  `/verify/?election=demo-2026&section=${line.sectionId}&receipt=${line.receipt}`;

const verdictOf = async (page: Page) => {
  const verdict = page.locator('#verdict');
  await verdict.waitFor({ timeout: 15_000 });
  return {
    ok: await verdict.getAttribute('data-ok'),
    text: (await page.locator('#result').textContent()) ?? '',
  };
};

const bundle1 = `${LOG}${tilePath({ level: 'entries', index: 1, width: 6 })}`;
const tile0 = `${LOG}${tilePath({ level: 0, index: 1, width: 6 })}`;

describe('a genuine receipt', () => {
  it('given the published log, when the CLI checks a receipt, the whole log, and saves the checkpoint, then all verify and it says what they prove', async () => {
    const saved = join(dir, 'saved-checkpoint');
    const receipt = await verifyLog([
      '--receipt',
      site.correction.receipt,
      '--section',
      '1',
      '--save',
      saved,
    ]);
    expect(receipt.status, receipt.output).toBe(0);
    expect(receipt.output).toContain('section 1, results version 2 (correct, accepted');
    expect(receipt.output).toContain(
      `is entry ${site.correction.logIndex} of the log, under the checkpoint of 262 entries signed at 2026-05-25T21:30:00Z`,
    );
    expect(receipt.output).toContain('candidateVotes.C2 350');
    expect(readFileSync(saved, 'utf8')).toBe(readFileSync(join(dir, `${LOG}checkpoint`), 'utf8'));

    const audit = await verifyLog([]);
    expect(audit.status, audit.output).toBe(0);
    expect(audit.output).toContain('these 262 entries, and no others');
    expect(audit.output).toMatch(/\nverified\n$/);

    const scanned = await verifyLog(['--receipt', site.unpublished.receipt]);
    expect(scanned.status, scanned.output).toBe(0);
    expect(scanned.output).toContain('the numbers are not published yet');
  });

  it('given the QR link, when the page opens it on a phone, then it verifies in the browser and says what it proves in Italian and English', async () => {
    await openPage(queryOf(site.correction), async (page) => {
      const { ok, text } = await verdictOf(page);
      expect(ok, text).toBe('true');
      expect(await page.locator('[data-proof="it"]').textContent()).toContain(
        `la sezione 1 ha inviato i risultati dello scrutinio, versione 2 (correzione, accettato)`,
      );
      expect(await page.locator('[data-proof="it"]').textContent()).toContain(
        `è la voce ${site.correction.logIndex} del registro pubblico, sotto un checkpoint di 262 voci firmato il`,
      );
      expect(await page.locator('[data-proof="en"]').textContent()).toContain(
        `it is entry ${site.correction.logIndex} of the public log, under a checkpoint of 262 entries signed at`,
      );
      await expect(page.locator('[data-proof="en"] time').last().getAttribute('datetime')).resolves.toBe(
        '2026-05-25T21:30:00Z',
      );
      await expect(
        page.locator('#numbers tr', { hasText: 'candidateVotes.C2' }).textContent(),
      ).resolves.toContain('350');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('verify-page-verified'), fullPage: true });
    });
  });

  it('given a receipt typed without its section, when verified, then the page finds it in the log', async () => {
    await openPage('/verify/', async (page) => {
      await page.getByLabel('Elezione').fill('demo-2026');
      await page.getByLabel('Ricevuta').fill(site.turnout.receipt);
      await page.getByRole('button', { name: /Verifica/ }).click();
      const { ok, text } = await verdictOf(page);
      expect(ok, text).toBe('true');
      expect(text).toContain('section 2 sent the turnout, reading T1, version 1');
      expect(page.url()).toContain(`receipt=${site.turnout.receipt}`);
    });
  });

  it('given a photo of the receipt’s QR code, when chosen, then the page reads it, fills the form and verifies', async () => {
    const link = receiptLink(server.url, {
      electionId: 'demo-2026',
      sectionId: '1',
      receipt: site.flagged.receipt,
    });
    const png = await QRCode.toBuffer(link, { margin: 4, scale: 8 });
    await openPage('/verify/', async (page) => {
      const native = await page.evaluate(() => 'BarcodeDetector' in globalThis);
      const qrReader = native ? undefined : page.waitForRequest(/\/assets\/qr-reader\.[0-9a-f]{12}\.js$/);
      await page
        .locator('#photo')
        .setInputFiles({ name: 'ricevuta.png', mimeType: 'image/png', buffer: png });
      // Without the browser's BarcodeDetector (Linux's Chromium), jsQR is fetched and reads it.
      expect(native || (await qrReader) !== undefined).toBe(true);
      const { ok, text } = await verdictOf(page);
      expect(ok, text).toBe('true');
      await expect(page.getByLabel('Ricevuta').inputValue()).resolves.toBe(site.flagged.receipt);
      await expect(page.getByLabel('Sezione').inputValue()).resolves.toBe('1');
      expect(text).toContain('version 1 (submission, flagged for review)');
    });
  });
});

describe('the camera', () => {
  it('given a phone camera filming the receipt’s QR code, when the scan is started, then the page reads it, verifies, and lets the camera go', async () => {
    const link = receiptLink(server.url, {
      electionId: 'demo-2026',
      sectionId: '2',
      receipt: site.turnout.receipt,
    });
    const video = join(dir, 'qr.y4m');
    writeFileSync(video, qrVideo(link));
    const filming = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await filming.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      await context.grantPermissions(['camera'], { origin: server.url });
      const page = await context.newPage();
      await page.goto(new URL('/verify/', server.url).href);
      await page.getByRole('button', { name: /Inquadra con la fotocamera/ }).click();
      const { ok, text } = await verdictOf(page);
      expect(ok, text).toBe('true');
      await expect(page.getByLabel('Ricevuta').inputValue()).resolves.toBe(site.turnout.receipt);
      expect(text).toContain('section 2 sent the turnout, reading T1');
      await expect(page.locator('#camera-view').isHidden()).resolves.toBe(true);
    } finally {
      await filming.close();
    }
  });
});

describe('tampering', () => {
  const otherKey = signerFromSeed(
    'election-night-test/results/demo-2026/log',
    new Uint8Array(32).fill(99),
  ).verifierKey;
  const cases = () =>
    [
      ['a hash tile', tile0, flipped(readFileSync(join(dir, tile0)), 3), 'inclusion', 'tile'],
      [
        'an entry bundle',
        bundle1,
        // The correction's entry says version 3: same length, so the bundle still decodes.
        Buffer.from(
          readFileSync(join(dir, bundle1), 'latin1').replace('"version":2', '"version":3'),
          'latin1',
        ),
        'leaf-hash',
        'tile',
      ],
      [
        'the checkpoint',
        `${LOG}checkpoint`,
        readFileSync(join(dir, `${LOG}checkpoint`), 'utf8').replace('\n262\n', '\n263\n'),
        'signature',
        'signature',
      ],
      ['the key', '/results/log-key.txt', `${otherKey}\n`, 'signature', 'signature'],
    ] as const;

  it('given a tampered tile, entry bundle, checkpoint or key, then the CLI and the page each name the check that fails', async () => {
    for (const [what, path, bytes, receiptCheck, auditCheck] of cases()) {
      await withTampered(path, bytes, async () => {
        const receipt = await verifyLog(['--receipt', site.correction.receipt, '--section', '1']);
        expect(receipt.status, `${what}: ${receipt.output}`).toBe(1);
        expect(receipt.output).toContain(`FAILED  [${receiptCheck}]`);
        expect(receipt.output).toMatch(/\nNOT VERIFIED\n$/);
        const audit = await verifyLog([]);
        expect(audit.status, `${what}: ${audit.output}`).toBe(1);
        expect(audit.output).toContain(`FAILED  [${auditCheck}]`);
        await openPage(queryOf(site.correction), async (page) => {
          const { ok, text } = await verdictOf(page);
          expect(ok, `${what}: ${text}`).toBe('false');
          await expect(page.locator('[data-failed-check]').getAttribute('data-failed-check')).resolves.toBe(
            receiptCheck,
          );
          expect(text).toContain('Ricevuta NON verificata');
        });
      });
    }
  }, 120_000);
});

describe('--since', () => {
  it('given a checkpoint saved earlier, then the log extends it; given one of another history, then consistency fails', async () => {
    const early = join(dir, 'early-checkpoint');
    const foreign = join(dir, 'foreign-checkpoint');
    writeFileSync(early, site.earlyCheckpoint);
    writeFileSync(foreign, site.foreignCheckpoint);

    const passes = await verifyLog(['--since', early]);
    expect(passes.status, passes.output).toBe(0);
    expect(passes.output).toContain(
      "the log of 257 entries signed at 2026-05-24T12:01:00Z is the start of today's 262",
    );

    const fails = await verifyLog(['--since', foreign]);
    expect(fails.status, fails.output).toBe(1);
    expect(fails.output).toContain('FAILED  [consistency]');
  });
});
