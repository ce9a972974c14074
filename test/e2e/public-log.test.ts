import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../infra/local/stack.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { startDemoStack } from '../helpers/demo-stack.js';
import { verifyLogIndependently } from '../helpers/independent-log-verifier.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';
import { fetchSiteLog } from '../helpers/site-log.js';

/**
 * The public log on the whole local stack: officers' answers carry receipts; the chain's writer
 * starts the log writer, which alone holds the key; the site serves a log the independent
 * verifier accepts, and the section's file lists every version with its receipt, its index and
 * its body, whose hash is the entry's.
 */

const E = 'demo-2026';
let stack: Stack;

beforeAll(async () => {
  stack = await startDemoStack();
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

const results = (voters: number) => ({
  voters,
  blankBallots: 2,
  invalidBallots: 3,
  contestedBallots: 0,
  candidateVotes: { C1: voters - 5, C2: 0, C3: 0 },
  listVotes: { L1: voters - 5 },
});

interface LogRow {
  item: string;
  version: number;
  receipt: string;
  logIndex: number;
  body?: unknown;
}

async function sectionFileWith(sectionId: string, receipts: string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last: Json = {};
  while (Date.now() < deadline) {
    const response = await fetch(`${stack.siteUrl}results/${E}/sections/${sectionId}.json`);
    if (response.ok) {
      last = (await response.json()) as Json;
      const rows = (last.log as LogRow[] | undefined) ?? [];
      if (receipts.every((r) => rows.some((row) => row.receipt === r))) return rows;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(
    `section ${sectionId}'s file never listed ${receipts.join(', ')}: ${JSON.stringify(last).slice(0, 1500)}`,
  );
}

describe('the public log on the local stack', () => {
  it('given an officer who sends a reading, a count and a correction, then each receipt is in the signed log at the index the section file gives, with its body', async () => {
    // Prepare
    const { send } = stackClient(stack);
    const token = (await issueOfficerCodes(stack, E, ['1']))['1'] ?? '';
    const base = `/v1/elections/${E}/sections/1`;
    // Act
    const reading = await send('PUT', `${base}/turnout/T1`, token, {
      voters: 120,
      votersMale: 60,
      votersFemale: 60,
    });
    const count = await send('PUT', `${base}/results`, token, results(400));
    const again = await send('PUT', `${base}/results`, token, results(400));
    const correction = await send('PUT', `${base}/results`, token, results(390));
    const receipts = [reading, count, correction].map((answer) => String(answer.body.receipt));
    // Assess
    expect(again.body.receipt).toBe(count.body.receipt);
    expect(new Set(receipts).size).toBe(3);
    const rows = await sectionFileWith('1', receipts);
    const { files, size, keyLine } = await fetchSiteLog(stack.siteUrl, E);
    const verdict = verifyLogIndependently(files, keyLine);
    expect(verdict.size).toBe(size);
    for (const row of rows) {
      const entry = verdict.entries[row.logIndex] as Uint8Array;
      expect(createHash('sha256').update(Uint8Array.of(0)).update(entry).digest('hex')).toBe(row.receipt);
      const parsed = JSON.parse(new TextDecoder().decode(entry)) as Json;
      expect(parsed).toMatchObject({
        electionId: E,
        sectionId: '1',
        item: row.item,
        version: row.version,
        role: 'officer',
      });
      expect(createHash('sha256').update(canonicalJson(row.body)).digest('hex')).toBe(parsed.bodyHash);
    }
    expect(rows.map((r) => [r.item, r.version])).toEqual([
      ['turnout/T1', 1],
      ['results', 1],
      ['results', 2],
    ]);
    // Tiles and bundles never change under their names; the checkpoint is re-read like the pointer.
    const tile = await fetch(`${stack.siteUrl}results/${E}/log/tile/entries/000.p/${size}`);
    expect(tile.headers.get('cache-control')).toContain('immutable');
    const checkpoint = await fetch(`${stack.siteUrl}results/${E}/log/checkpoint`);
    expect(checkpoint.headers.get('cache-control')).not.toContain('immutable');
  });
});
