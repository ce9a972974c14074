/**
 * One deployment, several municipalities, on the whole local stack: staff define elections over
 * HTTP, the stream wakes the publisher, and the site's `/results/index.json` and front page follow.
 * While the demo is the only live election `/` is its page, whatever rehearsal is published after
 * it; with a second live election `/` lists the two (never the rehearsal), in Chromium too, with
 * and without JavaScript, in Italian and English.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { collectPageErrors, launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { demoElection, smallElection } from '../helpers/elections.js';
import { stackClient } from '../helpers/local-stack-client.js';

const demo = demoElection();
const rehearsal = smallElection('prova-generale-2026', { rehearsal: true, name: 'Prova generale 2026' });
const second = smallElection('altrove-2026', {
  name: 'Elezioni comunali 2026 - Comune di Altrove',
  municipality: { name: 'Altrove', istatCode: '099997', population: 9_000 },
});

let stack: Stack;
let browser: Browser;

interface IndexFile {
  elections: { electionId: string; name: string; rehearsal: boolean; status: string; latest: string }[];
}

const site = (path: string) => new URL(path, stack.siteUrl).href;
const page = async (path: string) => (await fetch(site(path))).text();

/** Polls `/results/index.json` until it lists every one of `ids`. */
async function waitForIndex(ids: string[], timeoutMs = 60_000): Promise<IndexFile> {
  const deadline = Date.now() + timeoutMs;
  let last: IndexFile = { elections: [] };
  while (Date.now() < deadline) {
    const response = await fetch(site('/results/index.json'));
    // The local S3 stand-in rewrites a file in place: a read may catch it half written ("not yet").
    const text = await response.text();
    if (response.ok)
      last = (() => {
        try {
          return JSON.parse(text) as IndexFile;
        } catch {
          return last;
        }
      })();
    if (ids.every((id) => last.elections.some((e) => e.electionId === id))) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the index never listed ${ids.join(', ')}: ${JSON.stringify(last)}`);
}

/** Polls the front page until it holds. */
async function waitForFront(holds: (html: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let html = '';
  while (Date.now() < deadline) {
    html = await page('/');
    if (holds(html)) return html;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the front page never held: ${html.slice(0, 2000)}`);
}

async function define(definition: { id: string }) {
  const answer = await stackClient(stack).send(
    'PUT',
    `/v1/admin/elections/${definition.id}`,
    stack.adminToken,
    definition,
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  await waitForIndex([demo.id]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('one deployment, several municipalities', () => {
  it('given the demo is the only live election, when a rehearsal is published after it, then / stays the demo’s page and the index lists both', async () => {
    // Act
    await define(rehearsal);
    const index = await waitForIndex([demo.id, rehearsal.id]);
    const front = await page('/');
    const english = await page('/index.en.html');

    // Assess
    expect(index.elections.find((e) => e.electionId === rehearsal.id)).toMatchObject({
      name: rehearsal.name,
      rehearsal: true,
      latest: `/results/${rehearsal.id}/latest.json`,
    });
    expect(front).toContain(`<h1>${demo.name}</h1>`);
    expect(front).toContain(`<meta name="election-id" content="${demo.id}">`);
    expect(front).not.toContain('rehearsal-banner');
    expect(english).toContain(`<meta name="election-id" content="${demo.id}">`);
  });

  it('given a second live election, then the index lists all three and / lists the two live ones, never the rehearsal', async () => {
    // Act
    await define(second);
    const index = await waitForIndex([demo.id, rehearsal.id, second.id]);
    const front = await waitForFront((html) => html.includes(`/results/${second.id}/`));
    const english = await page('/index.en.html');
    const response = await fetch(site('/results/index.json'));
    await response.arrayBuffer();

    // Assess
    expect(index.elections.map((e) => e.electionId).sort()).toEqual(
      [demo.id, rehearsal.id, second.id].sort(),
    );
    expect(index.elections.find((e) => e.electionId === second.id)).toEqual({
      electionId: second.id,
      name: second.name,
      municipality: second.municipality,
      rehearsal: false,
      status: 'provisional',
      latest: `/results/${second.id}/latest.json`,
    });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe(
      'public, max-age=5, s-maxage=10, stale-while-revalidate=30, stale-if-error=600',
    );
    expect(front).toContain(`<a href="/results/${demo.id}/">${demo.name}</a>`);
    expect(front).toContain(`<a href="/results/${second.id}/">${second.name}</a>`);
    expect(front).toContain(`href="/results/${second.id}/index.en.html"`);
    expect(front).not.toContain(rehearsal.id);
    expect(front).not.toContain('rehearsal-banner');
    expect(front).not.toContain('<meta name="election-id"');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain(`href="/results/${demo.id}/index.en.html"`);
  });

  it('given the list, when a citizen opens it at 360 px without JavaScript, then it lists the live elections and the English switch and the links lead on', async () => {
    // Prepare
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    const tab = await context.newPage();
    try {
      // Act
      await tab.goto(site('/'));
      const headings = await tab.getByRole('heading', { level: 2 }).allTextContents();
      await tab.screenshot({ path: screenshotPath('front-page-list-360px'), fullPage: true });
      const overflow = await tab.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      await tab.getByRole('link', { name: 'English', exact: true }).click();
      await tab.waitForURL(/index\.en\.html$/);
      const englishTitle = await tab.title();
      await tab.getByRole('link', { name: second.name, exact: true }).click();
      await tab.waitForURL(new RegExp(`/results/${second.id}/index\\.en\\.html$`));

      // Assess
      expect(headings).toEqual(expect.arrayContaining([demo.name, second.name]));
      expect(headings.join(' ')).not.toContain(rehearsal.name);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(englishTitle).toBe('Election results');
      await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(second.name);
      await expect(tab.getAttribute('html', 'lang')).resolves.toBe('en');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('given JavaScript runs, when the list opens, then axe-core finds no violation, nothing fails, and a link leads to the election’s page', async () => {
    // Prepare
    const context = await browser.newContext();
    const tab = await context.newPage();
    const errors = collectPageErrors(tab);
    try {
      // Act
      await tab.goto(site('/'));
      const violations = await accessibilityViolations(tab);
      await tab.getByRole('link', { name: demo.name, exact: true }).click();
      await tab.waitForURL(new RegExp(`/results/${demo.id}/$`));

      // Assess
      expect(violations).toEqual([]);
      await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(demo.name);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
