/**
 * A receipt from the officer app, checked by anyone, on the whole local stack: the officer sends a
 * count from the app in Chromium and opens its receipt; the observer follows the receipt's link
 * to /verify/, which verifies it in the browser against the log the writer published; the
 * terminal's `npm run verify-log` verifies the same receipt and the whole log; a tampered tile,
 * entry bundle or checkpoint on the site is reported by the check it breaks.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNight, type Night } from '../../infra/cli/night/demo-night.js';
import type { Stack } from '../../infra/local/stack.js';
import { tilePath } from '../../shared/domain/log/tile-path.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { demoElection } from '../helpers/elections.js';
import { issueOfficerCodes } from '../helpers/local-stack-client.js';
import { fillCountForm, openOfficerApp, outboxLine } from '../helpers/officer-app.js';
import { runOperatorCli } from '../helpers/operator-cli.js';

const election = demoElection();
const E = election.id;
const SECTION = '3';
const count = generateNight(election).find((s) => s.sectionId === SECTION)
  ?.results as Night[number]['results'];

let stack: Stack;
let browser: Browser;
let s3: S3Client;
let receipt = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  s3 = new S3Client({
    endpoint: stack.s3Endpoint,
    forcePathStyle: true,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}, 300_000);

afterAll(async () => {
  s3?.destroy();
  await browser?.close();
  await stack?.stop();
});

/** `npm run verify-log` against the stack's site, as an observer would run it. */
const verifyLog = (args: string[]) =>
  runOperatorCli(stack, 'verify-log', [E, '--site', stack.siteUrl, ...args]);

/** Runs `act` with the site's object at `key` replaced, then puts it back. */
async function withTampered<T>(
  key: string,
  change: (bytes: Uint8Array) => Uint8Array | string,
  act: () => Promise<T>,
) {
  const object = await s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: key }));
  const original = await object.Body?.transformToByteArray();
  if (!original) throw new Error(`no ${key} on the site`);
  const put = (body: Uint8Array | string) =>
    s3.send(
      new PutObjectCommand({
        Bucket: stack.bucket,
        Key: key,
        Body: body,
        ContentType: object.ContentType,
        CacheControl: object.CacheControl,
      }),
    );
  await put(change(original));
  try {
    return await act();
  } finally {
    await put(original);
  }
}

const flipByte = (at: number) => (bytes: Uint8Array) => {
  const changed = Uint8Array.from(bytes);
  changed[at] = (changed[at] ?? 0) ^ 1;
  return changed;
};

describe('a receipt from the officer app, verified by anyone', () => {
  it('given the officer sends a count from the app, when the observer follows its receipt link, then /verify/ verifies it in the browser and names the section, the version and the numbers', async () => {
    // Prepare
    const token = (await issueOfficerCodes(stack, E, [SECTION]))[SECTION] ?? '';
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      await openOfficerApp(page, stack.siteUrl, token, SECTION);
      // The count as this test has always typed it: its preference votes left blank.
      await fillCountForm(page, { ...count, preferenceVotes: {} });
      await page.getByRole('button', { name: 'Invia scrutinio' }).click();
      const line = outboxLine(page, 'Scrutinio', 'versione 1');
      await line.waitFor({ timeout: 30_000 });
      await line.locator('summary', { hasText: 'Ricevuta' }).click();
      receipt = (await line.locator('.receipt-code').getAttribute('data-receipt')) ?? '';
      const link =
        (await line.getByRole('link', { name: 'Verifica la ricevuta' }).getAttribute('href')) ?? '';

      // Act: the observer opens the link (the log is written just after the answer: until then the page says so).
      const observer = await context.newPage();
      let ok: string | null = null;
      let text = '';
      for (const deadline = Date.now() + 90_000; ok !== 'true' && Date.now() < deadline; ) {
        await observer.goto(link);
        const verdict = observer.locator('#verdict');
        await verdict.waitFor({ timeout: 20_000 });
        ok = await verdict.getAttribute('data-ok');
        text = (await observer.locator('#result').textContent()) ?? '';
        if (ok !== 'true') await observer.waitForTimeout(1_000);
      }

      // Assess
      expect(ok, text).toBe('true');
      const proof = (await observer.locator('[data-proof="it"]').textContent()) ?? '';
      expect(proof).toContain(`la sezione ${SECTION} ha inviato i risultati dello scrutinio, versione 1`);
      const voters = await observer.locator('#numbers tr', { hasText: 'voters' }).first().textContent();
      expect(voters).toContain(String(count.voters));
      await observer.screenshot({ path: screenshotPath('verify-page-officer-receipt'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 240_000);

  it('given the same receipt, when the terminal verifies it and the whole log, then both pass', async () => {
    const one = await verifyLog(['--receipt', receipt, '--section', SECTION]);
    expect(one.status, one.output).toBe(0);
    expect(one.output).toContain(`section ${SECTION}, results version 1`);
    const all = await verifyLog([]);
    expect(all.status, all.output).toBe(0);
  }, 120_000);

  it('given a tampered tile, entry bundle or checkpoint on the site, when the log is verified, then each is reported', async () => {
    const log = `results/${E}/log/`;
    const checkpoint = await (await fetch(`${stack.siteUrl}${log}checkpoint`)).text();
    const size = Number(checkpoint.split('\n')[1]);
    expect(size).toBeLessThan(256);
    const bundle = `${log}${tilePath({ level: 'entries', index: 0, width: size })}`;
    const tile = `${log}${tilePath({ level: 0, index: 0, width: size })}`;
    const bundleRun = await withTampered(bundle, flipByte(20), () => verifyLog([]));
    expect(bundleRun.status, bundleRun.output).toBe(1);
    expect(bundleRun.output).toContain('FAILED');
    const tileRun = await withTampered(tile, flipByte(0), () => verifyLog([]));
    expect(tileRun.status, tileRun.output).toBe(1);
    expect(tileRun.output).toContain('FAILED');
    const forged = (bytes: Uint8Array) =>
      new TextDecoder().decode(bytes).replace(/\n(\d+)\n/, (_, n: string) => `\n${Number(n) - 1}\n`);
    const checkpointRun = await withTampered(`${log}checkpoint`, forged, () =>
      verifyLog(['--receipt', receipt, '--section', SECTION]),
    );
    expect(checkpointRun.status, checkpointRun.output).toBe(1);
    expect(checkpointRun.output).toContain('FAILED');
    // Put back, it verifies again.
    expect((await verifyLog([])).status).toBe(0);
  }, 180_000);
});
