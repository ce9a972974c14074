/**
 * The run-off round end to end, on the whole local stack through the HTTP API: a first round that
 * elects no mayor is counted and certified, its run-off is refused until it follows from it, then
 * defined with an apparentamento; the first round's summary links it; the run-off's counts are
 * sent, one through the officer app's shorter form in Chromium, and its summary names the mayor and allocates the council from the first round's list
 * votes (TUEL art. 73 c. 10), compared with allocateRunoffSeats fed independently.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import { allocateRunoffSeats } from '../../shared/domain/runoff-seats.js';
import { accessibilityViolations } from '../helpers/accessibility.js';
import { launchChromium, screenshotPath } from '../helpers/browser.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';
import { fillCountForm, openOfficerApp, outboxLine } from '../helpers/officer-app.js';
import { runOperatorCli } from '../helpers/operator-cli.js';
import { firstRoundCounts, firstRoundDefinition, runoffDefinition } from '../helpers/runoff-elections.js';

let stack: Stack;
let browser: Browser;
const first = firstRoundDefinition();
const runoff = runoffDefinition();

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type RunoffCount = {
  voters: number;
  blankBallots: number;
  invalidBallots: number;
  contestedBallots: number;
  candidateVotes: { C1: number; C2: number };
};

/**
 * Section 1's run-off count through the officer app in Chromium at 360 px: its form asks for the
 * ballots and the two candidates' votes only, and its live checks are the server's (R1 here).
 */
async function sendThroughOfficerApp(token: string, count: RunoffCount) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const app = await context.newPage();
    await openOfficerApp(app, stack.siteUrl, token, '1');
    const form = app.locator('form[data-form="results"]');
    const names = await form
      .locator('input')
      .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('name')));
    expect(names).toEqual([
      'voters',
      'blankBallots',
      'invalidBallots',
      'contestedBallots',
      'candidateVotes.C1',
      'candidateVotes.C2',
    ]);
    const checks = form.locator('[data-checks]');
    await fillCountForm(app, { ...count, voters: count.voters + 1 });
    await expect.poll(() => checks.textContent()).toContain(`I votanti (${count.voters + 1})`);
    await fillCountForm(app, count);
    await expect.poll(() => checks.textContent()).toBe('I conti tornano.');
    await app.screenshot({ path: screenshotPath('officer-app-runoff-360px'), fullPage: true });
    expect(await accessibilityViolations(app)).toEqual([]);
    await app.getByRole('button', { name: 'Invia scrutinio' }).click();
    await outboxLine(app, 'Scrutinio', 'Accettato (versione 1)').waitFor({ timeout: 20_000 });
  } finally {
    await context.close();
  }
}

const client = () => stackClient(stack);
const staff = (method: string, path: string, body?: unknown) =>
  client().send(method, path, stack.adminToken, body);
const define = (definition: { id: string }) =>
  staff('PUT', `/v1/admin/elections/${definition.id}`, definition);
const page = async (path: string) => (await fetch(new URL(path, stack.siteUrl))).text();

const errorCode = (answer: { body: Json }) => (answer.body.error as { code: string }).code;

describe('a run-off round on the local stack', () => {
  it('given a first round with no winner, when its run-off is defined with an apparentamento and counted, then its summary elects the mayor and allocates the council per art. 73 c. 10, and the first round links it', async () => {
    // Prepare: the first round, counted and certified.
    expect((await define(first)).status).toBe(200);
    const early = await define(runoff);
    expect([early.status, errorCode(early)]).toEqual([409, 'RUNOFF_NOT_DUE']);
    const firstTokens = await issueOfficerCodes(stack, first.id, 'all');
    for (const [index, count] of firstRoundCounts.entries()) {
      const sectionId = String(index + 1);
      const sent = await client().send(
        'PUT',
        `/v1/elections/${first.id}/sections/${sectionId}/results`,
        firstTokens[sectionId] ?? '',
        count,
      );
      expect(sent.body.status, JSON.stringify(sent.body)).toBe('accepted');
    }
    const firstSummary = await client().waitForSummary(first.id, (s) => s.status === 'final');
    expect(firstSummary.runoff).toEqual({ candidateIds: ['C1', 'C2'] });
    expect(firstSummary.runoffRound).toBeNull();
    expect((await staff('POST', `/v1/admin/elections/${first.id}/certify`)).status).toBe(200);

    // Refusals: each names its code and stores nothing.
    const refusals = [
      [{ ...runoff, firstRound: 'no-such-election' }, 422, 'FIRST_ROUND_NOT_FOUND'],
      [
        {
          ...runoff,
          candidates: [runoff.candidates[0], first.candidates[2]],
          lists: [...runoff.lists.slice(0, 2), { id: 'L4', name: 'Lista Quattro', candidateId: 'C3' }],
        },
        409,
        'RUNOFF_NOT_DUE',
      ],
      [{ ...runoff, sections: runoff.sections.slice(0, 1) }, 422, 'RUNOFF_MISMATCH'],
      [{ ...runoff, lists: runoff.lists.filter((l) => l.id !== 'L3') }, 422, 'RUNOFF_MISMATCH'],
      [
        { ...runoff, lists: [...runoff.lists, { id: 'L9', name: 'Nuova', candidateId: 'C1' }] },
        422,
        'RUNOFF_MISMATCH',
      ],
    ] as const;
    for (const [definition, status, code] of refusals) {
      const answer = await define(definition);
      expect([answer.status, errorCode(answer)], JSON.stringify(answer.body)).toEqual([status, code]);
    }
    expect((await fetch(new URL(`results/${runoff.id}/latest.json`, stack.siteUrl))).status).toBe(404);

    // Act: the run-off, with C3's list L4 joined to C2 (TUEL art. 72 c. 7), defined on the certified first round.
    const defined = await define(runoff);
    expect(defined.status, JSON.stringify(defined.body)).toBe(200);
    const other = await define({ ...runoff, id: 'runoff-bis-2026' });
    expect([other.status, errorCode(other)]).toEqual([409, 'RUNOFF_ALREADY_DEFINED']);
    const linked = await client().waitForSummary(first.id, (s) => s.runoffRound !== null);
    expect(linked.runoffRound).toBe(`/results/${runoff.id}/latest.json`);
    expect(linked.status).toBe('certified');
    // Redefined, before anything is stored, as an election that follows nothing: the first round
    // loses its link; defined again as its run-off, it has it back.
    const { firstRound: _, ...unlinkedRunoff } = runoff;
    expect((await define({ ...unlinkedRunoff, kind: 'municipal' } as typeof runoff)).status).toBe(200);
    await client().waitForSummary(first.id, (s) => s.runoffRound === null);
    expect((await define(runoff)).status).toBe(200);
    await client().waitForSummary(first.id, (s) => s.runoffRound === `/results/${runoff.id}/latest.json`);

    const tokens = await issueOfficerCodes(stack, runoff.id, 'all');
    const base = (sectionId: string) => `/v1/elections/${runoff.id}/sections/${sectionId}/results`;
    const withLists = await client().send('PUT', base('1'), tokens['1'] ?? '', {
      voters: 10,
      blankBallots: 0,
      invalidBallots: 0,
      contestedBallots: 0,
      candidateVotes: { C1: 5, C2: 5 },
      listVotes: { L1: 5 },
    });
    expect([withLists.status, errorCode(withLists)]).toEqual([400, 'VALIDATION_FAILED']);
    const counts = {
      '1': {
        voters: 5_150,
        blankBallots: 30,
        invalidBallots: 20,
        contestedBallots: 0,
        candidateVotes: { C1: 2_700, C2: 2_400 },
      },
      '2': {
        voters: 4_950,
        blankBallots: 25,
        invalidBallots: 25,
        contestedBallots: 0,
        candidateVotes: { C1: 2_400, C2: 2_500 },
      },
    };
    const notSquare = await client().send('PUT', base('2'), tokens['2'] ?? '', {
      ...counts['2'],
      voters: 4_951,
    });
    expect(notSquare.body.status).toBe('flagged');
    expect((notSquare.body.checks as { code: string }[]).map((c) => c.code)).toEqual(['R1']);
    const corrected = await client().send('PUT', base('2'), tokens['2'] ?? '', counts['2']);
    expect(corrected.body).toMatchObject({ version: 2, status: 'accepted', checks: [] });
    await sendThroughOfficerApp(tokens['1'] ?? '', counts['1']);
    const stored = await client().send('GET', `/v1/elections/${runoff.id}/sections/1`, tokens['1'] ?? '');
    expect(stored.body).toMatchObject({ version: 1, status: 'accepted', results: counts['1'] });

    // Assess: C1 elected with 5,100 of 10,000; his group (L1, L2: 3,800 first-round votes)
    // takes the 60% bonus, 15 of 24 seats, since no other first-round group passed 50%.
    const summary = await client().waitForSummary(runoff.id, (s) => s.status === 'final');
    expect(summary.kind).toBe('runoff');
    expect(summary.outlook).toMatchObject({
      mayor: { status: 'elected', candidateId: 'C1' },
      uncountedAtMost: 0,
    });
    const independent = allocateRunoffSeats(
      {
        population: first.municipality.population,
        councilSeats: first.councilSeats ?? 0,
        candidates: first.candidates,
        lists: first.lists,
        candidateVotes: { C1: 4_000, C2: 3_500, C3: 2_500 },
        listVotes: { L1: 2_500, L2: 1_300, L3: 3_400, L4: 2_400 },
      },
      { candidateIds: ['C1', 'C2'], lists: runoff.lists, candidateVotes: { C1: 5_100, C2: 4_900 } },
    );
    expect(summary.seats).toEqual({ ...independent, projection: false });
    const coalitions = (summary.seats as { coalitions: { candidateId: string; seats: number }[] }).coalitions;
    expect(coalitions.map((c) => c.candidateId)).toEqual(['C1', 'C2', 'C3']);
    expect(coalitions.reduce((sum, c) => sum + c.seats, 0)).toBe(24);
    expect(coalitions.find((c) => c.candidateId === 'C1')?.seats).toBe(15);
    expect(summary.firstRound).toMatchObject({
      electionId: first.id,
      latest: `/results/${first.id}/latest.json`,
    });

    // The pages link each other, and the run-off's shows the mayor and the council.
    const runoffPage = await page(`results/${runoff.id}/`);
    expect(runoffPage).toContain(`href="/results/${first.id}/"`);
    expect(runoffPage).toContain('Giorgio Fede');
    expect(runoffPage).toContain('Bruno Terzi');
    const firstPage = await page(`results/${first.id}/`);
    expect(firstPage).toContain(`href="/results/${runoff.id}/"`);
  }, 180_000);

  it('given both rounds published, when reconcile and verify-audit run on each, then they find nothing wrong: the link on the certified first round changed no figure and no trail', async () => {
    for (const electionId of [first.id, runoff.id]) {
      const reconciled = await runOperatorCli(stack, 'reconcile', [electionId, '--wait', '20']);
      expect(reconciled.status, reconciled.output).toBe(0);
      expect(reconciled.output).toContain('0 differences');
      const verified = await runOperatorCli(stack, 'verify-audit', [electionId, '--wait', '30']);
      expect(verified.status, verified.output).toBe(0);
      expect(verified.output).toContain('the audit trail is intact and the results follow from it');
    }
  }, 180_000);
});
