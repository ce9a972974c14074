import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNight } from '../../infra/cli/night/demo-night.js';
import { LOCAL_CREDENTIALS, type Stack } from '../../infra/local/stack.js';
import { E2E_STAFF_TOKEN, startDemoStack } from '../helpers/demo-stack.js';
import { demoElection } from '../helpers/elections.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';
import { damagePart, loseAppliedCount } from '../helpers/table-damage.js';

/** Short, so a test sees several runs; `npm start` runs every 60 s (RECONCILE_INTERVAL_S). */
const INTERVAL_S = 3;
/** Two runs, and room for the publisher behind them on a loaded machine. */
const HEALED_WITHIN_MS = 2 * INTERVAL_S * 1000 + 30_000;
const election = demoElection();
const E = election.id;
const COUNTED = ['1', '2', '3', '4', '5'];

let stack: Stack | undefined;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  stack = await startDemoStack({ reconcileIntervalS: INTERVAL_S });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.dynamodbEndpoint,
      region: 'eu-south-1',
      credentials: LOCAL_CREDENTIALS,
    }),
  );
}, 240_000);

afterAll(async () => {
  db?.destroy();
  await stack?.stop();
});

/** The published figures a reader compares: the totals and every candidate's votes. */
const figures = (summary: Json) => ({
  totals: summary.totals,
  candidates: (summary.candidates as { id: string; votes: number }[]).map((c) => [c.id, c.votes]),
  reported: (summary.sections as { reported: number }).reported,
});

/** Every change list entry published after `afterSeq`. */
async function changesAfter(afterSeq: number): Promise<Json[]> {
  if (!stack) throw new Error('no stack');
  const latest = (await (await fetch(`${stack.siteUrl}results/${E}/latest.json`)).json()) as { seq: number };
  const entries: Json[] = [];
  for (let seq = afterSeq + 1; seq <= latest.seq; seq++) {
    const list = (await (await fetch(`${stack.siteUrl}results/${E}/changes/${seq}.json`)).json()) as Json;
    entries.push(...(list.changes as Json[]));
  }
  return entries;
}

describe('the night heals itself, and says so', () => {
  it('given a damaged total and then a lost batch, when the reconciliation runs, then the published totals come back within two runs, nothing counts twice, and the change lists say repaired', async () => {
    if (!stack) throw new Error('no stack');
    const { send, waitForSummary } = stackClient(stack);
    // Prepare: five sections counted and published.
    const tokens = await issueOfficerCodes(stack, E, COUNTED);
    const night = generateNight(election);
    for (const id of COUNTED) {
      const results = night.find((s) => s.sectionId === id)?.results;
      const sent = await send('PUT', `/v1/elections/${E}/sections/${id}/results`, tokens[id] ?? '', results);
      expect(sent.body.status, id).toBe('accepted');
    }
    const counted = await waitForSummary(
      E,
      (s) => (s.sections as { reported: number }).reported === COUNTED.length,
    );
    const right = figures(counted);

    // Act 1: a part of the total is damaged; the publisher shows it, the reconciliation corrects it.
    await damagePart(db, stack.tableName, E, { voters: 1000, 'candidate.C1': 1000 });
    const corrected = await waitForSummary(
      E,
      (s) =>
        (s.seq as number) > (counted.seq as number) && JSON.stringify(figures(s)) === JSON.stringify(right),
      HEALED_WITHIN_MS,
    );
    // The damage reached the public as its own publish, then the correction did: wait for its entry.
    const correction = await waitForEntry(counted.seq as number, (e) => e.sectionId === null);

    // Act 2: a count's batch is lost; the first run suspects it, the second repairs it.
    await loseAppliedCount(db, stack.tableName, E, '3');
    const repaired = await waitForEntry(corrected.seq as number, (e) => e.sectionId === '3');
    const healed = await waitForSummary(
      E,
      (s) => JSON.stringify(figures(s)) === JSON.stringify(right),
      HEALED_WITHIN_MS,
    );

    // Assess
    expect(correction).toMatchObject({
      kind: 'repaired',
      item: 'totals',
      delta: { voters: -1000, C1: -1000 },
    });
    expect(repaired).toMatchObject({ kind: 'repaired', item: 'results', version: 1 });
    expect((repaired.delta as Record<string, number>).voters).toBeGreaterThan(0);
    expect(figures(healed)).toEqual(right);
    // Staff see what was healed, in the overview the staff page shows.
    const overview = await send('GET', `/v1/admin/elections/${E}/sections`, E2E_STAFF_TOKEN);
    const healing = overview.body.healing as { repairs: { entries: Json[] }[] };
    const healedEntries = healing.repairs.flatMap((r) => r.entries);
    expect(healedEntries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sectionId: null, item: 'totals' }),
        expect.objectContaining({ sectionId: '3', item: 'results' }),
      ]),
    );
  }, 180_000);
});

/** Polls the change lists published after `afterSeq` until one has an entry `matches` accepts. */
async function waitForEntry(afterSeq: number, matches: (entry: Json) => boolean): Promise<Json> {
  const deadline = Date.now() + HEALED_WITHIN_MS;
  for (;;) {
    const found = (await changesAfter(afterSeq).catch(() => [])).find(
      (e) => e.kind === 'repaired' && matches(e),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no repaired entry after seq ${afterSeq}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
