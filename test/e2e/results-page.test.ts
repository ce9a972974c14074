/**
 * The public results page in Debian's Chromium, on the whole local stack: what a citizen sees
 * with and without JavaScript, live updates without a reload, the drill-down, the English
 * switch, the rehearsal watermark, accessibility (axe-core) and a 360 px phone.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedTotals, generateNight, type Night } from '../../infra/cli/night/demo-night.js';
import type { Stack } from '../../infra/local/stack.js';
import { parseCsv } from '../../shared/domain/csv.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { demoElection, smallElection } from '../helpers/elections.js';
import { inParallel, issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';

const election = demoElection();
const rehearsal = smallElection('rehearsal-2026', { rehearsal: true, name: 'Prova generale 2026' });
const night = generateNight(election);
const lastSection = night.at(-1) as Night[number];
const earlier = night.slice(0, -1);
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 };
const italian = new Intl.NumberFormat('it-IT');

let stack: Stack;
let browser: Browser;
let client: ReturnType<typeof stackClient>;
let demoTokens: Record<string, string>;

async function submitNight(electionId: string, sections: Night, tokens: Record<string, string>) {
  const slots = electionId === election.id ? election.turnoutSlots : rehearsal.turnoutSlots;
  await inParallel(sections, 6, async (section) => {
    const base = `/v1/elections/${electionId}/sections/${section.sectionId}`;
    const token = tokens[section.sectionId] ?? '';
    for (const slot of slots) {
      const reading = await client.send('PUT', `${base}/turnout/${slot.id}`, token, section.turnout[slot.id]);
      expect(reading.status, JSON.stringify(reading.body)).toBe(200);
    }
    const results = await client.send('PUT', `${base}/results`, token, section.results);
    expect(results.status, JSON.stringify(results.body)).toBe(200);
  });
}

const reported = (s: Json) => (s.sections as { reported: number } | undefined)?.reported;
const allTurnout = (s: Json, count: number) =>
  (s.turnout as { sectionsReported: number }[] | undefined)?.every((t) => t.sectionsReported === count) ===
  true;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  client = stackClient(stack);
  const defined = await client.send(
    'PUT',
    `/v1/admin/elections/${rehearsal.id}`,
    stack.adminToken,
    rehearsal,
  );
  expect(defined.status).toBe(200);
  demoTokens = await issueOfficerCodes(stack, election.id, 'all');
  const rehearsalTokens = await issueOfficerCodes(stack, rehearsal.id, 'all');
  await Promise.all([
    submitNight(election.id, earlier, demoTokens),
    submitNight(rehearsal.id, generateNight(rehearsal).slice(0, 1), rehearsalTokens),
  ]);
  await client.waitForSummary(
    election.id,
    (s) => reported(s) === earlier.length && allTurnout(s, earlier.length),
  );
  await client.waitForSummary(rehearsal.id, (s) => reported(s) === 1);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openPage(path: string, options: BrowserContextOptions = PHONE) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(new URL(path, stack.siteUrl).href);
  return { page, close: () => context.close() };
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The votes a table shows, by row header. */
async function votesIn(page: Page, tableName: RegExp) {
  const rows = page.getByRole('table', { name: tableName }).locator('tbody tr');
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']),
  );
  return Object.fromEntries(cells);
}

/** Waits, on the test's clock, for a page's text to hold. */
async function waitForText(page: Page, selector: string, expected: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await page.textContent(selector)) ?? '';
    if (text.includes(expected)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`"${selector}" never showed "${expected}"; it shows "${text}"`);
}

describe('the public results page', () => {
  it('given the seeded night, when a citizen opens the page, then it shows the published totals, accessibly, at 360 px', async () => {
    // Prepare
    const expected = expectedTotals(election, earlier);
    const { page, close } = await openPage('/');
    try {
      // Act
      const candidateVotes = await votesIn(page, /Candidati sindaco/);
      const listVotes = await votesIn(page, /^Liste/);
      await page.screenshot({ path: screenshotPath('results-page-360px'), fullPage: true });

      // Assess
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(election.name);
      await expect(page.textContent('#state')).resolves.toContain(
        `Sezioni scrutinate: ${earlier.length} su ${night.length}`,
      );
      await expect(page.textContent('#state')).resolves.toContain('Dati ufficiosi, scrutinio in corso');
      for (const candidate of election.candidates) {
        const votes = expected.candidates.find((c) => c.id === candidate.id)?.votes ?? -1;
        expect(candidateVotes[candidate.name]).toBe(italian.format(votes));
      }
      for (const list of election.lists) {
        const votes = expected.lists.find((l) => l.id === list.id)?.votes ?? -1;
        expect(Object.entries(listVotes).find(([name]) => name.startsWith(list.name))?.[1]).toBe(
          italian.format(votes),
        );
      }
      await expect(page.getByRole('table', { name: 'Affluenza' }).textContent()).resolves.toContain(
        '% Comunali 2021',
      );
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('given JavaScript is off, when the page opens, then the results are all there and the search explains itself', async () => {
    // Prepare
    const { page, close } = await openPage('/', { ...PHONE, javaScriptEnabled: false });
    try {
      // Act
      await page.screenshot({ path: screenshotPath('results-page-no-javascript-360px'), fullPage: true });

      // Assess
      const candidates = page.getByRole('table', { name: /Candidati sindaco/ });
      await expect(candidates.getByRole('row').count()).resolves.toBe(election.candidates.length + 1);
      await expect(page.textContent('#state')).resolves.toContain(`${earlier.length} su ${night.length}`);
      await expect(page.isVisible('#drill-form')).resolves.toBe(false);
      await expect(page.textContent('#drill')).resolves.toContain(
        'La ricerca per sezione richiede JavaScript',
      );
      await expect(page.getByRole('link', { name: 'Riepilogo (CSV)' }).isVisible()).resolves.toBe(true);
      // The outlook says how many ballots are left at most, as the summary the page shows does.
      const { seq, outlook } = await client.publishedSummary(election.id);
      await expect(page.getAttribute('meta[name="results-seq"]', 'content')).resolves.toBe(String(seq));
      const left = (outlook as { uncountedAtMost: number }).uncountedAtMost;
      await expect(page.textContent('.outlook')).resolves.toContain(
        `Restano al più ${italian.format(left)} schede da scrutinare`,
      );
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });

  it('given the page is open, when the last section reports, then the page shows it without a reload', async () => {
    // Prepare: the page's clock is the test's, so thirty seconds of polling pass at once.
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(stack.siteUrl);
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    try {
      // Act
      await submitNight(election.id, [lastSection], demoTokens);
      await client.waitForSummary(
        election.id,
        (s) => reported(s) === night.length && allTurnout(s, night.length),
      );
      let text = '';
      for (let attempt = 0; attempt < 5 && !text.includes(`${night.length} su ${night.length}`); attempt++) {
        await page.clock.fastForward(31_000);
        text = await waitForText(page, '#state', `${night.length} su ${night.length}`, 8_000).catch(() => '');
      }

      // Assess
      const expected = expectedTotals(election, night);
      expect(text).toContain(`Sezioni scrutinate: ${night.length} su ${night.length}`);
      expect(text).toContain('Dati ufficiosi, scrutinio completato');
      await expect(page.textContent('.outlook')).resolves.toContain('Non restano schede da scrutinare.');
      const candidateVotes = await votesIn(page, /Candidati sindaco/);
      for (const candidate of expected.candidates) {
        const name = election.candidates.find((c) => c.id === candidate.id)?.name ?? '';
        expect(candidateVotes[name]).toBe(italian.format(candidate.votes));
      }
      await expect(page.textContent('#live-status')).resolves.toMatch(/^Aggiornato alle/);
      await expect(
        page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
      ).resolves.toBe(true);
      const { seq } = await client.publishedSummary(election.id);
      await expect(page.getAttribute('#data-summaryJson', 'href')).resolves.toBe(
        `/results/${election.id}/snapshots/${seq}.json`,
      );
      await page.screenshot({ path: screenshotPath('results-page-live-update-360px'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('given the drill-down, when a citizen searches a section number and then a district, then the section’s own count is shown', async () => {
    // Prepare
    const section12 = night.find((s) => s.sectionId === '12');
    const { page, close } = await openPage('/');
    try {
      // Act: a number
      await page.getByLabel('Numero di sezione o quartiere').fill('12');
      await page.getByRole('button', { name: 'Cerca' }).click();
      await page.waitForSelector('#drill-result h3');

      // Assess
      await expect(page.textContent('#drill-result h3')).resolves.toBe('Sezione 12');
      const sectionVotes = await votesIn(page, /Voti ai candidati sindaco nella sezione/);
      for (const candidate of election.candidates) {
        expect(sectionVotes[candidate.name]).toBe(
          italian.format(section12?.results.candidateVotes[candidate.id] ?? -1),
        );
      }

      // Act: a district, then one of its sections
      await page.getByLabel('Numero di sezione o quartiere').fill('marina');
      await page.getByRole('button', { name: 'Cerca' }).click();
      await page.waitForSelector('#drill-result .matches');
      const matches = await page.locator('#drill-result .matches button').allTextContents();
      await page.getByRole('button', { name: 'Sezione 15 — Marina' }).click();
      await page.waitForSelector('#drill-result h3');

      // Assess
      expect(matches).toEqual(
        election.sections.filter((s) => s.district === 'Marina').map((s) => `${s.name} — Marina`),
      );
      await expect(page.textContent('#drill-status')).resolves.toBe('');
      await expect(page.textContent('#drill-result h3')).resolves.toBe('Sezione 15');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('h-section');
      await expect(page.textContent('#drill-result')).resolves.toContain('Scrutinio inserito');
      await page.screenshot({ path: screenshotPath('results-page-drill-down-360px'), fullPage: true });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await accessibilityViolations(page)).toEqual([]);

      // Act: nothing by that name
      await page.getByLabel('Numero di sezione o quartiere').fill('Atlantide');
      await page.getByRole('button', { name: 'Cerca' }).click();

      // Assess
      await waitForText(page, '#drill-status', 'Nessuna sezione o quartiere corrisponde a «Atlantide»');
      await expect(page.textContent('#drill-result')).resolves.toBe('');
    } finally {
      await close();
    }
  });

  it('given the English switch, when a citizen follows it, then the page reads in English with the same figures', async () => {
    // Prepare
    const { page, close } = await openPage('/');
    try {
      // Act
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL(/index\.en\.html$/);
      await page.screenshot({ path: screenshotPath('results-page-english-360px'), fullPage: true });

      // Assess
      await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
      const summary = await client.publishedSummary(election.id);
      const { reported: sectionsReported, total } = summary.sections as { reported: number; total: number };
      await expect(page.textContent('#state')).resolves.toContain(
        `Sections reported: ${sectionsReported} of ${total}`,
      );
      const english = await votesIn(page, /Mayoral candidates/);
      for (const candidate of summary.candidates as { name: string; votes: number }[]) {
        expect(english[candidate.name]).toBe(new Intl.NumberFormat('en-GB').format(candidate.votes));
      }
      await expect(page.getByRole('table', { name: 'Turnout' }).textContent()).resolves.toContain('Sunday');
      await expect(page.getByRole('link', { name: 'Italiano' }).getAttribute('href')).resolves.toBe(
        '/index.html',
      );
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('given a rehearsal election, when its page opens, then a banner that stays in view and a watermark say it is test data', async () => {
    // Prepare
    const { page, close } = await openPage(`/results/${rehearsal.id}/index.html`);
    try {
      // Act
      await page.mouse.wheel(0, 2000);
      await page.waitForFunction(() => window.scrollY > 0);
      const banner = page.getByRole('note');
      const box = await banner.boundingBox();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundImage);
      const watermarkPath = /url\("?([^")]+)"?\)/.exec(background)?.[1] ?? '';
      const watermark = await fetch(new URL(watermarkPath, stack.siteUrl));
      await page.screenshot({ path: screenshotPath('results-page-rehearsal-360px') });

      // Assess
      await expect(banner.textContent()).resolves.toBe('PROVA — DATI DI TEST, NON SONO RISULTATI REALI');
      await expect(banner.isVisible()).resolves.toBe(true);
      expect(box?.y).toBe(0);
      expect(watermarkPath).toMatch(/\/assets\/rehearsal-watermark\.[0-9a-f]{12}\.svg$/);
      expect(watermark.status).toBe(200);
      expect(watermark.headers.get('content-type')).toBe('image/svg+xml');
      await expect(page.title()).resolves.toContain('(PROVA)');
      await page.emulateMedia({ media: 'print' });
      await expect(banner.isVisible()).resolves.toBe(true);
      await expect(
        page.evaluate(() => getComputedStyle(document.body).getPropertyValue('print-color-adjust')),
      ).resolves.toBe('exact');
      await page.emulateMedia({ media: 'screen' });
      expect(await accessibilityViolations(page)).toEqual([]);
      // The site's front page stays the live election's.
      const front = await (await fetch(stack.siteUrl)).text();
      expect(front).toContain(`<h1>${election.name}</h1>`);
      expect(front).not.toContain('rehearsal-banner');
    } finally {
      await close();
    }
  });
});

describe('the published files behind the page', () => {
  it('given a publish, then every file carries its content type and cache policy, and the CSV holds the same figures as the JSON', async () => {
    // Prepare
    const pointerResponse = await fetch(new URL(`/results/${election.id}/latest.json`, stack.siteUrl));
    const pointer = (await pointerResponse.json()) as { summary: string };
    const summary = await client.publishedSummary(election.id);
    const links = summary.links as { csv: string; definition: string };
    const head = async (path: string) => {
      const response = await fetch(new URL(path, stack.siteUrl));
      await response.arrayBuffer();
      return [response.status, response.headers.get('content-type'), response.headers.get('cache-control')];
    };
    const live = 'public, max-age=5, s-maxage=10, stale-while-revalidate=30, stale-if-error=600';
    const immutable = 'public, max-age=31536000, immutable';
    const page = await (await fetch(stack.siteUrl)).text();
    const script = /<script src="([^"]+)"/.exec(page)?.[1] ?? 'no script';
    const style = /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1] ?? 'no stylesheet';

    // Act
    const files = {
      '/': await head('/'),
      '/index.en.html': await head('/index.en.html'),
      [`/results/${election.id}/index.html`]: await head(`/results/${election.id}/index.html`),
      [`/results/${election.id}/index.en.html`]: await head(`/results/${election.id}/index.en.html`),
      [pointer.summary]: await head(pointer.summary),
      [links.csv]: await head(links.csv),
      [links.definition]: await head(links.definition),
      [`/results/${election.id}/sections/1.json`]: await head(`/results/${election.id}/sections/1.json`),
      [script]: await head(script),
      [style]: await head(style),
    };
    const csv = parseCsv(await (await fetch(new URL(links.csv, stack.siteUrl))).text());

    // Assess
    expect(pointerResponse.headers.get('cache-control')).toBe(live);
    expect(script).toMatch(/^\/assets\/results-page\.[0-9a-f]{12}\.js$/);
    expect(style).toMatch(/^\/assets\/results-page\.[0-9a-f]{12}\.css$/);
    expect(files).toEqual({
      '/': [200, 'text/html; charset=utf-8', live],
      '/index.en.html': [200, 'text/html; charset=utf-8', live],
      [`/results/${election.id}/index.html`]: [200, 'text/html; charset=utf-8', live],
      [`/results/${election.id}/index.en.html`]: [200, 'text/html; charset=utf-8', live],
      [pointer.summary]: [200, 'application/json; charset=utf-8', immutable],
      [links.csv]: [200, 'text/csv; charset=utf-8; header=present', immutable],
      [links.definition]: [200, 'application/json; charset=utf-8', immutable],
      [`/results/${election.id}/sections/1.json`]: [200, 'application/json; charset=utf-8', live],
      [script]: [200, 'text/javascript; charset=utf-8', immutable],
      [style]: [200, 'text/css; charset=utf-8', immutable],
    });
    const [header, ...rows] = csv;
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const csvCandidates = rows
      .filter((row) => row[column('record')] === 'candidate')
      .map((row) => ({ id: row[column('id')], votes: Number(row[column('votes')]) }));
    expect(csvCandidates).toEqual(
      (summary.candidates as { id: string; votes: number }[]).map(({ id, votes }) => ({ id, votes })),
    );
  });
});
