import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNight } from '../../infra/cli/night/demo-night.js';
import type { Stack } from '../../infra/local/stack.js';
import { E2E_STAFF_TOKEN, startDemoStack } from '../helpers/demo-stack.js';
import { demoElection } from '../helpers/elections.js';
import { issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';

/**
 * The close of the polls on the whole local stack: an election whose `countsFrom` is a few
 * seconds ahead gets its counts over HTTP, publishes none of them until the instant, and is
 * published by the periodic reconciliation after it, with nothing submitted; then a correction
 * that lowers figures and a reopening, which the change lists and the Atom feed list with their
 * signed deltas and reasons.
 */

/** Short, so the instant is seen within seconds; `npm start` runs every 60 s. */
const INTERVAL_S = 2;
const SECTIONS = 4;
const E = 'close-e2e';

let stack: Stack | undefined;

beforeAll(async () => {
  stack = await startDemoStack({ reconcileIntervalS: INTERVAL_S });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

const site = async (path: string) => {
  if (!stack) throw new Error('no stack');
  return fetch(`${stack.siteUrl}${path.replace(/^\//, '')}`);
};
const siteJson = async (path: string) => (await (await site(path)).json()) as Json;

interface Entry {
  sectionId: string | null;
  item: string;
  kind: string;
  reason: string | null;
  delta: Record<string, number>;
}

/** Every change list entry published from `fromSeq` to the latest. */
async function changesFrom(fromSeq: number): Promise<Entry[]> {
  const latest = (await siteJson(`results/${E}/latest.json`)) as { seq: number };
  const entries: Entry[] = [];
  for (let seq = fromSeq; seq <= latest.seq; seq++)
    entries.push(...((await siteJson(`results/${E}/changes/${seq}.json`)).changes as Entry[]));
  return entries;
}

const reported = (s: Json) => (s.sections as { reported: number }).reported;

describe('counts withheld until the close of the polls', () => {
  it('given countsFrom a few seconds ahead, when counts arrive before it, then none is published until the reconciliation publishes them after it; a correction and a reopening are then listed with their deltas and reasons', async () => {
    if (!stack) throw new Error('no stack');
    const { send, waitForSummary } = stackClient(stack);
    // Prepare: the demo election's first sections, closing in 25 s.
    const demo = demoElection();
    const countsFrom = new Date(Date.now() + 25_000).toISOString().replace('Z', '+00:00');
    const election = { ...demo, id: E, sections: demo.sections.slice(0, SECTIONS), countsFrom };
    const defined = await send('PUT', `/v1/admin/elections/${E}`, E2E_STAFF_TOKEN, election);
    expect(defined.status, JSON.stringify(defined.body)).toBeLessThan(300);
    const tokens = await issueOfficerCodes(stack, E, 'all');
    const night = generateNight(election);
    const path = (id: string) => `/v1/elections/${E}/sections/${id}`;

    // Act: readings and counts before the close.
    for (const section of night) {
      const token = tokens[section.sectionId] ?? '';
      for (const slot of election.turnoutSlots)
        expect(
          (
            await send(
              'PUT',
              `${path(section.sectionId)}/turnout/${slot.id}`,
              token,
              section.turnout[slot.id],
            )
          ).status,
        ).toBe(200);
      const sent = await send('PUT', `${path(section.sectionId)}/results`, token, section.results);
      expect(sent.body.status).toBe('accepted');
    }

    // Assess: the readings are out, the counts are not.
    const withheld = await waitForSummary(E, (s) =>
      (s.turnout as { sectionsReported: number }[]).every((t) => t.sectionsReported === SECTIONS),
    );
    expect(Date.parse(String(withheld.generatedAt))).toBeLessThan(Date.parse(countsFrom));
    expect(withheld).toMatchObject({
      countsPublished: false,
      countsFrom,
      sections: { reported: 0 },
      seats: null,
    });
    expect(withheld.totals).toEqual({ registeredVoters: expect.any(Number) });
    expect((await siteJson(`results/${E}/sections/1.json`)).results).toBeNull();
    expect((await changesFrom(1)).every((entry) => entry.item.startsWith('turnout/'))).toBe(true);
    expect(await (await site(`results/${E}/index.html`)).text()).toContain(
      'Gli scrutini saranno pubblicati dalle',
    );

    // Act: nothing is sent; the instant passes.
    const released = await waitForSummary(E, (s) => s.countsPublished === true, 30_000);

    // Assess: everything, and the first list after the instant names every count as added.
    expect(reported(released)).toBe(SECTIONS);
    const firstAfter = (await siteJson(String(released.changes))).changes as Entry[];
    expect(firstAfter.filter((e) => e.item === 'results').map((e) => [e.sectionId, e.kind])).toEqual(
      night.map((s) => [s.sectionId, 'added']),
    );
    expect((await siteJson(`results/${E}/sections/1.json`)).results).toMatchObject({
      voters: night[0]?.results.voters,
    });

    // Act: section 1 moves a vote of its first candidate to the blank ballots; staff reopen section 2.
    const first = night[0];
    const candidate = demo.candidates[0]?.id ?? '';
    if (!first) throw new Error('no section');
    const { results } = first;
    const lowered = {
      ...results,
      blankBallots: results.blankBallots + 1,
      candidateVotes: {
        ...results.candidateVotes,
        [candidate]: (results.candidateVotes[candidate] ?? 0) - 1,
      },
      candidateOnlyVotes: {
        ...results.candidateOnlyVotes,
        [candidate]: (results.candidateOnlyVotes[candidate] ?? 0) - 1,
      },
    };
    const fromSeq = (released.seq as number) + 1;
    expect((await send('PUT', `${path('1')}/results`, tokens['1'] ?? '', lowered)).body.status).toBe(
      'accepted',
    );
    const reopen = await send('POST', `/v1/admin/elections/${E}/sections/2/reopen`, E2E_STAFF_TOKEN, {
      reason: 'verbale da ricontrollare',
    });
    expect(reopen.status, JSON.stringify(reopen.body)).toBe(200);
    const after = await waitForSummary(
      E,
      (s) =>
        reported(s) === SECTIONS - 1 &&
        (s.totals as { blankBallots: number }).blankBallots ===
          (released.totals as { blankBallots: number }).blankBallots +
            1 -
            (night[1]?.results.blankBallots ?? 0),
    );

    // Assess: the change lists and the feed say what went down and why.
    const entries = await changesFrom(fromSeq);
    expect(entries).toContainEqual(
      expect.objectContaining({
        sectionId: '1',
        kind: 'corrected',
        delta: expect.objectContaining({ [candidate]: -1, validVotes: -1, blankBallots: 1 }),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        sectionId: '2',
        kind: 'withdrawn',
        reason: 'verbale da ricontrollare',
        delta: expect.objectContaining({ sectionsReported: -1, voters: -(night[1]?.results.voters ?? 0) }),
      }),
    );
    const response = await site(`results/${E}/feed.xml`);
    expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = new XMLParser({ isArray: (name) => name === 'entry' }).parse(await response.text()) as {
      feed: { entry: { id: string; content: string }[] };
    };
    expect(feed.feed.entry[0]?.id).toMatch(new RegExp(`:${E}:seq:${after.seq}$`));
    const texts = feed.feed.entry.map((entry) => entry.content).join('\n');
    const name = demo.candidates[0]?.name ?? '';
    expect(texts).toContain(
      `Sezione 1, scrutinio (corretto): voti validi −1, schede bianche +1, ${name} −1.`,
    );
    expect(texts).toContain(`In calo: voti validi −1, ${name} −1. Perché: corretto dalla sezione.`);
    expect(texts).toContain(
      `Sezione 2, scrutinio (ritirato): sezioni −1, votanti −${night[1]?.results.voters}`,
    );
    expect(texts).toContain('motivo: «verbale da ricontrollare»');
    const page = await (await site(`results/${E}/index.html`)).text();
    expect(page).toContain('Ultime modifiche');
  }, 60_000);
});
