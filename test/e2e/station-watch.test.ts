/**
 * The station watch and broadcasts in Debian's Chromium on the whole local stack: a turnout
 * reading past its time and grace is shown late on the staff page (and the late filter keeps only
 * those), a station's officer app shows its last contact and version there; a message staff send
 * from the page reaches the officer app, and its acknowledgement reaches the staff page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { smallElection } from '../helpers/elections.js';
import { issueOfficerCodes, stackClient } from '../helpers/local-stack-client.js';
import { openOfficerApp, waitForSection } from '../helpers/officer-app.js';
import { signInWithStaffCode } from '../helpers/staff-page.js';

const E = 'watch-2026';
const HOUR = 3_600_000;
// T1 was due two hours ago (late after 30 minutes), T2 is due in two hours: never late yet.
const election = smallElection(E, {
  lateAfterMinutes: 30,
  turnoutSlots: [
    { id: 'T1', label: 'Prima rilevazione', at: new Date(Date.now() - 2 * HOUR).toISOString() },
    {
      id: 'T2',
      label: 'Seconda rilevazione',
      at: new Date(Date.now() + 2 * HOUR).toISOString(),
      final: true,
    },
  ],
});

let stack: Stack;
let browser: Browser;
let tokens: Record<string, string>;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  const { send } = stackClient(stack);
  expect((await send('PUT', `/v1/admin/elections/${E}`, stack.adminToken, election)).status).toBe(200);
  tokens = await issueOfficerCodes(stack, E, 'all');
  // Section 1 sent its first reading; sections 2 and 3 have not.
  const sent = await send('PUT', `/v1/elections/${E}/sections/1/turnout/T1`, tokens['1'] ?? '', {
    voters: 120,
  });
  expect(sent.status).toBe(200);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openStaffPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto(new URL(`/staff/?election=${E}`, stack.siteUrl).href);
  await signInWithStaffCode(page, stack.adminToken);
  await page.getByRole('heading', { level: 1, name: election.name }).waitFor();
  return page;
}

const watchRow = (page: Page, sectionId: string) => page.locator(`#watch tr[data-section="${sectionId}"]`);

describe('the station watch and broadcasts', () => {
  it('given a reading past its time and grace, then the staff page shows it late for the sections that have not sent it', async () => {
    const page = await openStaffPage();
    try {
      await expect.poll(() => watchRow(page, '2').textContent()).toContain('in ritardo: Prima rilevazione');
      expect(await watchRow(page, '3').textContent()).toContain('in ritardo: Prima rilevazione');
      expect(await watchRow(page, '1').getAttribute('class')).toBeNull();
      expect(await watchRow(page, '1').textContent()).not.toContain('in ritardo');
      expect(await page.locator('#watch-summary').textContent()).toContain('2 sezioni su 3');
      // Late ones only, then every section again; in English the same.
      await page.getByRole('button', { name: 'Mostra solo i ritardi' }).click();
      expect(await page.locator('#watch tbody tr').count()).toBe(2);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Show every section' }).click();
      expect(await page.locator('#watch tbody tr').count()).toBe(3);
      expect(await watchRow(page, '2').textContent()).toContain('late: Prima rilevazione');
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('given a message sent from the staff page, then the officer app shows it, the officer acknowledges it, and the staff page sees who did, with the app’s contact and version', async () => {
    const staff = await openStaffPage();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      // Act: staff send a message to every station.
      await staff
        .getByLabel('Messaggio', { exact: true })
        .fill('Chiusura dei seggi alle 23: non inviate lo scrutinio prima.');
      await staff.getByRole('button', { name: 'Invia a tutti i seggi' }).click();
      await staff.locator('p.notice', { hasText: 'Messaggio inviato a tutti i seggi.' }).waitFor();
      expect(await staff.locator('ul.broadcasts li').first().textContent()).toContain(
        'confermato da 0 sezioni su 3',
      );

      // The officer of section 2 opens the app: the message is at the top, and is acknowledged.
      const officer = await phone.newPage();
      await openOfficerApp(officer, stack.siteUrl, tokens['2'] ?? '', '2');
      const message = officer.locator('article.broadcast');
      await message.getByText('Chiusura dei seggi alle 23: non inviate lo scrutinio prima.').waitFor();
      await message.getByRole('heading', { name: 'Messaggio dal Comune' }).waitFor();
      expect(await accessibilityViolations(officer)).toEqual([]);
      await officer.screenshot({ path: screenshotPath('officer-app-broadcast'), fullPage: true });
      await message.getByRole('button', { name: 'Letto, ho capito' }).click();
      await expect.poll(() => officer.locator('article.broadcast').count()).toBe(0);
      // Opened again, the message acknowledged stays away.
      await officer.reload();
      await waitForSection(officer, '2');
      await officer.waitForTimeout(1_000);
      expect(await officer.locator('article.broadcast').count()).toBe(0);

      // Assess: the staff page, read again, sees the acknowledgement, the contact and the version.
      await staff.getByRole('button', { name: 'Aggiorna' }).click();
      await expect
        .poll(() => staff.locator('ul.broadcasts li').first().textContent())
        .toContain('confermato da 1 sezioni su 3: 2');
      const row = await watchRow(staff, '2').textContent();
      expect(row).toMatch(/\d{2}:\d{2}:\d{2}/);
      expect(row).toContain('0.1.0');
      expect(await watchRow(staff, '3').textContent()).toContain('mai');
      await staff.screenshot({ path: screenshotPath('staff-page-station-watch'), fullPage: true });
    } finally {
      await phone.close();
      await staff.context().close();
    }
  });
});
