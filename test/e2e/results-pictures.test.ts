/**
 * The results page's pictures and its comparison with a previous election, in Debian's
 * Chromium, on the whole local stack: an election of 2021 is counted and published, then one of
 * 2026 that names it; its page shows the comparison as the two published summaries say, its
 * pictures (hemicycle, bars in the definition's colours, turnout, the map) pass axe-core at 360 px
 * and 1280 px, the map's section links open the drill-down with the section's own comparison,
 * and the page asks nothing of any other origin.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import type { ElectionDefinition } from '../../shared/domain/election.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { smallElection, squareResults } from '../helpers/elections.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';

const SCHOOL = { lat: 45.0703, lon: 7.6869, place: 'Scuola Verdi' };
const LIBRARY = { lat: 45.0652, lon: 7.6952, place: 'Biblioteca civica' };

const before = smallElection('town-2021', {
  name: 'Comunali 2021',
  lists: [
    { id: 'A', name: 'Lista Uno', candidateId: 'C1' },
    { id: 'B', name: 'Lista Civica', candidateId: 'C2' },
  ],
});
const now: ElectionDefinition = smallElection('town-2026', {
  name: 'Comunali 2026',
  previousElection: 'town-2021',
  // Lista Due is the Lista Civica of 2021 under a new name; Lista Uno is matched by its name.
  compareLists: { L2: 'B' },
  candidates: [
    { id: 'C1', name: 'Anna Bianchi', color: '#7a1f5c' },
    { id: 'C2', name: 'Marco Rossi', color: '#0a6b4f' },
  ],
  sections: [
    { id: '1', name: 'Sezione 1', district: 'Nord', registeredVoters: 1000, location: SCHOOL },
    { id: '2', name: 'Sezione 2', district: 'Nord', registeredVoters: 900, location: SCHOOL },
    { id: '3', name: 'Sezione 3', district: 'Sud', registeredVoters: 1100, location: LIBRARY },
  ],
});

/** 2021's counts use A and B for the lists; the turnout differs from 2026's. */
const resultsOf = (electionId: string, n: number) => {
  if (electionId === now.id) return squareResults(n);
  const results = squareResults(10 + 5 * n);
  const { L1, L2 } = results.listVotes;
  return { ...results, listVotes: { A: L1, B: L2 }, preferenceVotes: {} };
};
/** The first reading differs between the years; the final one is the count's voters, as R5 wants. */
const turnoutOf = (election: ElectionDefinition, n: number, slot: number) => ({
  voters: election.turnoutSlots[slot]?.final
    ? resultsOf(election.id, n).voters
    : (election.id === now.id ? 150 : 120) + n,
});

let stack: Stack;
let browser: Browser;
let client: ReturnType<typeof stackClient>;

async function countAll(election: ElectionDefinition) {
  const defined = await client.send('PUT', `/v1/admin/elections/${election.id}`, stack.adminToken, election);
  expect(defined.status, JSON.stringify(defined.body)).toBe(200);
  const tokens = await issueOfficerCodes(stack, election.id, 'all');
  for (const [index, section] of election.sections.entries()) {
    const base = `/v1/elections/${election.id}/sections/${section.id}`;
    const token = tokens[section.id] ?? '';
    for (const [slot, { id }] of election.turnoutSlots.entries()) {
      const reading = await client.send(
        'PUT',
        `${base}/turnout/${id}`,
        token,
        turnoutOf(election, index, slot),
      );
      expect(reading.status, JSON.stringify(reading.body)).toBe(200);
    }
    const results = await client.send('PUT', `${base}/results`, token, resultsOf(election.id, index));
    expect(results.status, JSON.stringify(results.body)).toBe(200);
  }
}

const done = (count: number) => (s: Json) =>
  (s.sections as { reported: number }).reported === count &&
  (s.turnout as { sectionsReported: number }[]).every((slot) => slot.sectionsReported === count);

let previous: Json;
let current: Json;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
  client = stackClient(stack);
  await countAll(before);
  previous = await client.waitForSummary(before.id, done(before.sections.length));
  await countAll(now);
  current = await client.waitForSummary(
    now.id,
    (s) => done(now.sections.length)(s) && (s.comparison as { seq: number } | null)?.seq === previous.seq,
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type Share = { id: string; name: string; percent: number };
const shareOf = (summary: Json, kind: 'candidates' | 'lists', id: string) =>
  (summary[kind] as Share[]).find((x) => x.id === id) as Share;

/** "+1,23 p.p.", "−0,50 p.p.": a difference as the page writes it in Italian. */
const points = (difference: number) => {
  const text = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    Math.abs(difference),
  );
  return `${difference > 0 ? '+' : difference < 0 ? '\u2212' : ''}${text}\u00a0p.p.`;
};
const round = (n: number) => Math.round(n * 100) / 100;

/** The cells of a table's rows, by row header. */
async function rowsOf(page: Page, name: RegExp) {
  const rows = page.getByRole('table', { name }).locator('tbody tr');
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
  );
  return Object.fromEntries(cells.map(([header, ...rest]) => [header, rest]));
}

describe('the results page of an election that names a previous one', () => {
  it('given both published, when the page opens, then it shows each share against its match and the signed difference', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.siteUrl)) elsewhere.push(request.url());
    });
    try {
      // Act
      await page.goto(new URL(`/results/${now.id}/`, stack.siteUrl).href);
      const candidates = await rowsOf(page, /^Candidati sindaco a confronto/);
      const lists = await rowsOf(page, /^Liste a confronto/);
      await page.screenshot({ path: screenshotPath('results-pictures-1280px'), fullPage: true });

      // Assess: the figures are the two published summaries', matched by name and by compareLists.
      await expect(
        page.getByRole('heading', { name: 'Confronto con Comunali 2021' }).isVisible(),
      ).resolves.toBe(true);
      for (const [id, previousId] of [
        ['C1', 'C1'],
        ['C2', 'C2'],
      ] as const) {
        const a = shareOf(current, 'candidates', id);
        const b = shareOf(previous, 'candidates', previousId);
        expect(candidates[a.name]?.[2]).toBe(points(round(a.percent - b.percent)));
      }
      const uno = shareOf(current, 'lists', 'L1');
      const due = shareOf(current, 'lists', 'L2');
      expect(lists['Lista Uno']?.[2]).toBe(
        points(round(uno.percent - shareOf(previous, 'lists', 'A').percent)),
      );
      expect(lists['Lista Due']?.[2]).toBe(
        points(round(due.percent - shareOf(previous, 'lists', 'B').percent)),
      );
      // Turnout: the table's previous column comes from 2021's summary, slot by slot.
      const turnout = await rowsOf(page, /^Affluenza a confronto/);
      const slots = current.turnout as { label: string; percent: number }[];
      const slotsThen = previous.turnout as { percent: number }[];
      slots.forEach((slot, i) => {
        expect(turnout[slot.label]?.[2]).toBe(
          points(round(slot.percent - (slotsThen[i]?.percent ?? Number.NaN))),
        );
      });
      expect(elsewhere).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const width of [360, 1280]) {
    it(`given the page at ${width} px, when checked, then its pictures are there, labelled, in the definition's colours, and pass axe`, async () => {
      // Prepare
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      try {
        // Act
        await page.goto(new URL(`/results/${now.id}/`, stack.siteUrl).href);
        await page.screenshot({ path: screenshotPath(`results-pictures-${width}px`), fullPage: true });

        // Assess
        for (const name of [
          'Affluenza nel corso delle rilevazioni',
          'Voti ai candidati sindaco, in percentuale',
          'Voti alle liste, in percentuale',
          'Seggi in consiglio per coalizione',
        ]) {
          await expect(page.getByRole('img', { name }).isVisible(), name).resolves.toBe(true);
        }
        await expect(
          page.getByRole('group', { name: 'Mappa delle sedi dei seggi' }).isVisible(),
        ).resolves.toBe(true);
        const fills = await page
          .locator('#pic-candidates-desc ~ rect[fill^="#"]')
          .evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')));
        expect(fills).toEqual(['#7a1f5c', '#0a6b4f']);
        await expect(page.textContent('.legend')).resolves.toMatch(/Anna Bianchi: \d+ seggi/);
        expect(
          await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ),
        ).toBeLessThanOrEqual(0);
        expect(await accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('given the map, when a polling place’s section is followed, then the drill-down shows the section against the same section then', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    try {
      await page.goto(new URL(`/results/${now.id}/`, stack.siteUrl).href);
      await expect(page.textContent('#place-1')).resolves.toContain('1. Scuola Verdi');

      // Act: the point leads to its entry of the list; the entry's section link to the drill-down.
      await page.getByRole('link', { name: '1. Scuola Verdi' }).click();
      await page.locator('#place-1').getByRole('link', { name: 'Sezione 2' }).click();
      await page.getByRole('heading', { name: 'La sezione a confronto con Comunali 2021' }).waitFor();

      // Assess: the section's share of C1 against 2021's, from the two published section files.
      const file = (await (await fetch(`${stack.siteUrl}results/${now.id}/sections/2.json`)).json()) as Json;
      const compared = (file.comparison as { candidates: { id: string; difference: number }[] }).candidates;
      const c1 = compared.find((c) => c.id === 'C1');
      const then = (await (
        await fetch(`${stack.siteUrl}results/${before.id}/sections/2.json`)
      ).json()) as Json;
      const votes = (f: Json) => (f.results as { candidateVotes: Record<string, number> }).candidateVotes;
      const share = (v: Record<string, number>) => round((100 * (v.C1 ?? 0)) / ((v.C1 ?? 0) + (v.C2 ?? 0)));
      expect(c1?.difference).toBe(round(share(votes(file)) - share(votes(then))));
      const rows = await rowsOf(page, /^Candidati sindaco a confronto$/);
      expect(rows['Anna Bianchi']?.[2]).toBe(points(c1?.difference ?? Number.NaN));
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
