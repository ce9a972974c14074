/**
 * The results where people are, on the whole local stack in Chromium: the widget framed by a page
 * of another origin (a news site), while the full page refuses to be framed; the lobby screen
 * (`?screen`), large and updating itself when a new summary is published; and the site's icon,
 * linked from the page and served, so no page load asks for a missing /favicon.ico.
 */
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNight, type Night } from '../../infra/cli/night/demo-night.js';
import { freePort } from '../../infra/local/ports.js';
import type { Stack } from '../../infra/local/stack.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { demoElection } from '../helpers/elections.js';
import { issueOfficerCodes, stackClient } from '../helpers/local-stack-client.js';

const election = demoElection();
const E = election.id;
const night = generateNight(election);

let stack: Stack;
let browser: Browser;
let newsSite: Server;
let newsUrl = '';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  const port = await freePort();
  // A news site on another origin, framing the widget and, to be refused, the full page.
  newsSite = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Notizie</title></head><body>
<h1>Il voto in città</h1>
<iframe id="widget" title="Risultati" src="${stack.siteUrl}results/${E}/widget/" width="360" height="480"></iframe>
<iframe id="page" title="Pagina" src="${stack.siteUrl}results/${E}/" width="360" height="480"></iframe>
</body></html>`);
  });
  await new Promise<void>((resolve) => newsSite.listen(port, '127.0.0.1', resolve));
  newsUrl = `http://127.0.0.1:${port}/`;
  // The seeded election's first publish writes its page and its widget.
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if ((await fetch(`${stack.siteUrl}results/${E}/widget/`)).ok) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => newsSite?.close(resolve));
  await browser?.close();
  await stack?.stop();
});

describe('the results where people are', () => {
  it('given a news site on another origin, when it frames the widget and the full page, then the widget loads and the page is refused', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 1100 } });
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('frame-ancestors')) refused.push(message.text());
      });
      await page.goto(newsUrl);
      const widget = page.frameLocator('#widget');
      await widget.getByRole('heading', { level: 1 }).waitFor({ timeout: 20_000 });
      expect(await widget.getByRole('heading', { level: 1 }).textContent()).toContain(election.name);
      expect(await widget.locator('.widget-rows li').count()).toBe(election.candidates.length);
      expect(await widget.getByRole('link', { name: 'Tutti i risultati' }).getAttribute('target')).toBe(
        '_blank',
      );
      await page.waitForTimeout(1_000);
      const framed = page
        .frames()
        .find(
          (frame) =>
            frame.url().startsWith(`${stack.siteUrl}results/${E}/`) && !frame.url().includes('/widget/'),
        );
      expect(
        (await framed
          ?.locator('h1')
          .count()
          .catch(() => 0)) ?? 0,
      ).toBe(0);
      expect(refused.length).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('widget-on-a-news-site'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given the lobby screen, when a section’s count is published, then the screen shows it by itself, in type readable across a room', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const page = await context.newPage();
      const missing: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 404) missing.push(response.url());
      });
      const icon = page.waitForResponse((response) => response.url().endsWith('/favicon.svg'));
      await page.goto(`${stack.siteUrl}results/${E}/?screen`);
      expect((await icon).status()).toBe(200);
      await page.waitForFunction(() => document.body.classList.contains('screen'));
      const fontSize = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
      expect(fontSize).toBeGreaterThanOrEqual(36);
      expect(await page.locator('#drill').isVisible()).toBe(false);
      await page.locator('.reported', { hasText: 'Sezioni scrutinate: 0 su' }).waitFor();

      // Act: a section's count arrives.
      const { send } = stackClient(stack);
      const token = (await issueOfficerCodes(stack, E, ['1']))['1'] ?? '';
      const results = (night.find((s) => s.sectionId === '1') as Night[number]).results;
      expect((await send('PUT', `/v1/elections/${E}/sections/1/results`, token, results)).status).toBe(200);

      // Assess: without a reload, the screen follows.
      await page.locator('.reported', { hasText: 'Sezioni scrutinate: 1 su' }).waitFor({ timeout: 60_000 });
      expect(missing).toEqual([]);
      await page.screenshot({ path: screenshotPath('lobby-screen-1920px') });
    } finally {
      await context.close();
    }
  }, 180_000);
});
