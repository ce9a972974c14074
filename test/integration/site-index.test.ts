/**
 * One deployment, several municipalities, against DynamoDB Local and the S3 stand-in: the
 * publisher lists every published election in `/results/index.json`, and the front page `/` is
 * the one live election's own page, a list when several are live, and never a rehearsal while
 * an election is live. Publishers of different elections race, and the index never loses one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys.js';
import type { PublicBucket } from '../../shared/storage/bucket.js';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { delayEveryDbCall } from '../helpers/db-call-delay.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalBucket } from '../helpers/local-bucket.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';
import { seededRandom } from '../helpers/seeded-random.js';

let table: Awaited<ReturnType<typeof startLocalTable>>;
let site: Awaited<ReturnType<typeof startLocalBucket>>;
let m: NightUseCases & {
  publishSummary: typeof import('../../shared/use-cases/publish-results.js').publishSummary;
  db: typeof import('../../shared/db/client.js').db;
};

/** While set, every DynamoDB call of the test's publishers waits a random while first. */
let dbPause: (() => number) | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  table = await startLocalTable();
  site = await startLocalBucket();
  m = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/publish-results.js')),
    ...(await import('../../shared/db/client.js')),
  };
  delayEveryDbCall(m.db(), 'pauseSiteIndexRaces', async () => {
    if (dbPause) await sleep(dbPause());
  });
}, 120_000);

afterAll(async () => {
  await site?.stop();
  await table?.stop();
});

interface IndexFile {
  elections: { electionId: string; name: string; rehearsal: boolean; status: string; latest: string }[];
}

const text = async (key: string) => (await site.bucket.get(key)) ?? '';
const indexFile = async (): Promise<IndexFile> => JSON.parse((await text('results/index.json')) || '{}');
const listed = async () => (await indexFile()).elections.map((e) => e.electionId).sort();
/** The elections the front page links (a list), or the one whose page it is. */
const frontPage = async () => {
  const [it, en] = await Promise.all([text('index.html'), text('index.en.html')]);
  const own = /<meta name="election-id" content="([^"]+)">/.exec(it)?.[1];
  const linked = [...it.matchAll(/<h2><a href="\/results\/([^/]+)\/">/g)].map((match) => match[1]).sort();
  return { own, linked, it, en };
};

/** Stores a section's count, square and scaled by `n` (squareResults), as staff would enter it. */
const countIn = (electionId: string, sectionId: string, n: number) =>
  m.submitResults({ actor: testActor, electionId, sectionId, body: squareResults(n) });

/** Defines an election and publishes it, as the definition's stream record wakes the publisher. */
async function publishNew(id: string, rehearsal = false, bucket: PublicBucket = site.bucket) {
  await m.defineElection(id, smallElection(id, { rehearsal, name: `Comunali ${id}` }), testActor);
  await m.publishSummary(bucket, id);
}

describe('the site’s index and front page (DynamoDB Local, S3 stand-in)', () => {
  it('given one live election, when a rehearsal is published after it, then / stays the live election’s page and the index lists both', async () => {
    // Act
    await publishNew('alfa-2026');
    const before = await frontPage();
    await publishNew('prova-2026', true);
    const after = await frontPage();

    // Assess
    expect(before.own).toBe('alfa-2026');
    expect(after.own).toBe('alfa-2026');
    expect(after.it).toContain('<h1>Comunali alfa-2026</h1>');
    expect(after.it).not.toContain('rehearsal-banner');
    expect(after.en).toContain('<html lang="en">');
    expect(after.en).toContain('<meta name="election-id" content="alfa-2026">');
    expect(await indexFile()).toEqual({
      elections: [
        {
          electionId: 'alfa-2026',
          name: 'Comunali alfa-2026',
          municipality: { name: 'Prova', istatCode: '099998', population: 20_000 },
          rehearsal: false,
          status: 'provisional',
          latest: '/results/alfa-2026/latest.json',
        },
        {
          electionId: 'prova-2026',
          name: 'Comunali prova-2026',
          municipality: { name: 'Prova', istatCode: '099998', population: 20_000 },
          rehearsal: true,
          status: 'provisional',
          latest: '/results/prova-2026/latest.json',
        },
      ],
    });
  });

  it('given the one live election publishes again, then / shows its newest snapshot', async () => {
    // Prepare
    await countIn('alfa-2026', '1', 3);
    await aggregateAndChain(await table.readNewStreamRecords());

    // Act
    const seq = await m.publishSummary(site.bucket, 'alfa-2026');

    // Assess
    expect(seq).toBeGreaterThan(1);
    const { it: page } = await frontPage();
    expect(page).toContain(`<meta name="results-seq" content="${seq}">`);
    expect(page).toContain('Sezioni scrutinate: 1 su 3');
  });

  it('given a second live election, then / lists the two live ones and no rehearsal, and the index all three', async () => {
    // Act
    await publishNew('beta-2026');

    // Assess
    const front = await frontPage();
    expect(front.own).toBeUndefined();
    expect(front.linked).toEqual(['alfa-2026', 'beta-2026']);
    expect(front.it).not.toContain('prova-2026');
    expect(front.it).not.toContain('rehearsal');
    expect(front.en).toContain('href="/results/beta-2026/index.en.html" lang="it"');
    expect(await listed()).toEqual(['alfa-2026', 'beta-2026', 'prova-2026']);
  });

  it('given a publish that changes nothing listed, then the index is not written; given the status changes, then it says so', async () => {
    // Prepare
    const written: string[] = [];
    const recording: PublicBucket = {
      ...site.bucket,
      put: (key, body, options) => {
        written.push(key);
        return site.bucket.put(key, body, options);
      },
    };
    for (const sectionId of ['2', '3']) await countIn('beta-2026', sectionId, 2);
    await aggregateAndChain(await table.readNewStreamRecords());

    // Act: still provisional
    const quiet = await m.publishSummary(recording, 'beta-2026');
    const quietWrites = [...written];
    // Act: every section in
    await countIn('beta-2026', '1', 1);
    await aggregateAndChain(await table.readNewStreamRecords());
    await m.publishSummary(recording, 'beta-2026');

    // Assess
    expect(quiet).toBeGreaterThan(1);
    expect(quietWrites).toContain('results/beta-2026/latest.json');
    expect(quietWrites).not.toContain('results/index.json');
    expect(quietWrites).not.toContain('index.html');
    const beta = (await indexFile()).elections.find((e) => e.electionId === 'beta-2026');
    expect(beta?.status).toBe('final');
    expect((await frontPage()).it).toContain('Dati ufficiosi, scrutinio completato');
  });

  it('given publishers of several new elections racing, with their reads and writes delayed at random, then the index and / list every one', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 3, maxLength: 6 }),
        fc.integer(),
        async (kinds, seed) => {
          // Prepare
          run++;
          const ids = kinds.map((_, i) => `race-${run}-${i}`);
          await Promise.all(
            ids.map((id, i) =>
              m.defineElection(id, smallElection(id, { rehearsal: kinds[i] ?? false }), testActor),
            ),
          );

          // Act: each election woken twice, as by two shards, at moments spread over a few publishes.
          await racePublishers(
            seed,
            ids.flatMap((id) => [id, id]),
            400,
          );

          // Assess
          const everyone = await listed();
          for (const id of ids) expect(everyone).toContain(id);
          const live = (await indexFile()).elections.filter((e) => !e.rehearsal).map((e) => e.electionId);
          const front = await frontPage();
          expect(front.linked).toEqual([...live].sort());
          expect(front.it).not.toContain('rehearsal-banner');
        },
      ),
      { numRuns: 10, endOnFailure: true },
    );
  }, 120_000);

  it('given the one live election publishing while another election is first published, then / ends as the list, or as its newest page beside a rehearsal', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.constantFrom('1', '2', '3'), { minLength: 1, maxLength: 3 }),
        fc.integer(),
        async (otherIsRehearsal, sections, seed) => {
          // Prepare: a deployment that serves one live election, published.
          run++;
          await forgetSiteEntries();
          const [only, other] = [`only-${run}`, `other-${run}`];
          await publishNew(only);
          await m.defineElection(other, smallElection(other, { rehearsal: otherIsRehearsal }), testActor);
          for (const [i, sectionId] of sections.entries()) await countIn(only, sectionId, run + i);
          await aggregateAndChain(await table.readNewStreamRecords());

          // Act: the live election's publishers and the other's first, at moments close together.
          await racePublishers(seed, [only, only, other, only], 150);

          // Assess
          expect(await listed()).toEqual([only, other].sort());
          const front = await frontPage();
          if (otherIsRehearsal) {
            const pointer = JSON.parse(await text(`results/${only}/latest.json`));
            expect(front.own).toBe(only);
            expect(front.it).toContain(`<meta name="results-seq" content="${pointer.seq}">`);
            expect(front.en).toContain(`<meta name="results-seq" content="${pointer.seq}">`);
          } else {
            expect(front.own).toBeUndefined();
            expect(front.linked).toEqual([only, other].sort());
          }
        },
      ),
      { numRuns: 10, endOnFailure: true },
    );
  }, 120_000);
});

/**
 * Wakes a publisher for each entry of `wakes` (an election's id), each at a random moment within
 * `spreadMs`, through a slow bucket whose shared files' writes the holder may hold back, with
 * every DynamoDB call delayed at random; settles when they all have. The seed replays the pauses.
 */
async function racePublishers(seed: number, wakes: string[], spreadMs: number): Promise<void> {
  const random = seededRandom(seed);
  const holder = new Holder();
  const bucket = slowBucket(site.bucket, random, holder);
  dbPause = () => Math.floor(random() * 8);
  try {
    await Promise.all(
      wakes.map((id, i) =>
        holder.run(i + 1, async () => {
          await sleep(Math.floor(random() * spreadMs));
          return m.publishSummary(bucket, id);
        }),
      ),
    );
  } finally {
    dbPause = undefined;
  }
}

/** Takes every election out of the site's index, as if the deployment had never published them. */
async function forgetSiteEntries(): Promise<void> {
  const { Items = [] } = await m.db().send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.sitePartition(), ':prefix': keys.siteEntryPrefix },
    }),
  );
  for (const item of Items)
    await m
      .db()
      .send(new DeleteCommand({ TableName: process.env.TABLE_NAME, Key: { PK: item.PK, SK: item.SK } }));
}

/** The publisher a call belongs to (an id per wake of the property's run). */
const publisherOf = new AsyncLocalStorage<number>();

/**
 * The worst order for the shared files: a write of the index or of the front page is now and
 * then held back until every publisher still running is held too (none can go on), then the
 * held writes land, the earliest held last. So a rendering made before an entry changed lands
 * after every rendering made since, unless its publisher notices and renders again.
 */
class Holder {
  private readonly running = new Set<number>();
  private held: { publisher: number; go: () => void }[] = [];

  async run<T>(publisher: number, work: () => Promise<T>): Promise<T> {
    this.running.add(publisher);
    try {
      return await publisherOf.run(publisher, work);
    } finally {
      this.running.delete(publisher);
      this.releaseIfStuck();
    }
  }

  hold(): Promise<void> {
    const publisher = publisherOf.getStore();
    if (publisher === undefined) return Promise.resolve();
    return new Promise((go) => {
      this.held.push({ publisher, go });
      this.releaseIfStuck();
    });
  }

  private releaseIfStuck() {
    const holding = new Set(this.held.map((h) => h.publisher));
    if (this.held.length === 0 || [...this.running].some((p) => !holding.has(p))) return;
    const going = this.held.reverse();
    this.held = [];
    for (const h of going) h.go();
  }
}

/**
 * A bucket whose PUTs wait a random while before they land, now and then a long one, and whose
 * writes of the shared files the holder may hold back. One key's PUTs go through one at a time,
 * in the order they are released: the last released is the one that lands last, as on S3.
 */
function slowBucket(bucket: PublicBucket, random: () => number, holder: Holder): PublicBucket {
  const lanes = new Map<string, Promise<void>>();
  return {
    isReachable: () => bucket.isReachable(),
    get: (key) => bucket.get(key),
    async put(key, body, options) {
      const shared = key === 'results/index.json' || key === 'index.html';
      if (shared && random() < 0.5) await holder.hold();
      else await sleep(Math.floor(random() * (random() < 0.3 ? 100 : 10)));
      const done = (lanes.get(key) ?? Promise.resolve()).then(() => bucket.put(key, body, options));
      lanes.set(
        key,
        done.catch(() => undefined),
      );
      await done;
    },
  };
}
