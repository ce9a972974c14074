/**
 * The previous election a definition compares with, read from the S3 stand-in as this system
 * publishes it: nothing until it has a pointer, then its summary, and each section's file; and
 * cheaply: the pointer at most every 30 s, the snapshot once per seq, a section's file once per
 * seq of the previous election.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { publicPaths } from '../../shared/domain/public-paths.js';
import { CACHE, CONTENT_TYPE, type PublicBucket } from '../../shared/storage/bucket.js';
import { startLocalBucket } from '../helpers/local-bucket.js';

let site: Awaited<ReturnType<typeof startLocalBucket>>;
let reader: typeof import('../../shared/use-cases/previous-election.js');

/** The real bucket, with every key it was asked for. */
function counting(bucket: PublicBucket) {
  const gets: string[] = [];
  return {
    gets,
    bucket: {
      put: bucket.put.bind(bucket),
      isReachable: bucket.isReachable.bind(bucket),
      get: (key: string) => {
        gets.push(key);
        return bucket.get(key);
      },
    } satisfies PublicBucket,
  };
}

const put = (key: string, value: unknown) =>
  site.bucket.put(key, JSON.stringify(value), { contentType: CONTENT_TYPE.json, cacheControl: CACHE.live });

async function publish(electionId: string, seq: number, sectionVotes: number) {
  const paths = publicPaths(electionId);
  await put(paths.snapshot(seq), {
    electionId,
    seq,
    name: 'Comunali 2021',
    turnout: [],
    candidates: [],
    lists: [],
  });
  await put(paths.section('1'), { turnout: [], results: { candidateVotes: { C1: sectionVotes } } });
  await put(paths.pointer, { electionId, seq, summary: `/${paths.snapshot(seq)}` });
}

beforeAll(async () => {
  // The bucket alone: no table is used, but the validated configuration names both.
  Object.assign(process.env, {
    TABLE_NAME: 'election-night-previous-test',
    BUCKET_NAME: 'election-night-test-site',
    AWS_REGION: 'eu-south-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  });
  site = await startLocalBucket();
  reader = await import('../../shared/use-cases/previous-election.js');
}, 60_000);

afterAll(async () => {
  await site?.stop();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('reading the previous election', () => {
  it('given a bucket that fails, when read, then no comparison, and the next read tries again', async () => {
    // Prepare
    await publish('flaky-2021', 3, 50);
    let failing = true;
    const gets: string[] = [];
    const bucket: PublicBucket = {
      put: site.bucket.put.bind(site.bucket),
      isReachable: site.bucket.isReachable.bind(site.bucket),
      get: async (key) => {
        gets.push(key);
        if (failing) throw new Error('SlowDown');
        return site.bucket.get(key);
      },
    };

    // Act and assess
    await expect(reader.previousSummary(bucket, 'flaky-2021')).resolves.toBeUndefined();
    await expect(reader.previousSectionFile(bucket, 'flaky-2021', '1')).resolves.toBeUndefined();
    failing = false;
    expect((await reader.previousSummary(bucket, 'flaky-2021'))?.seq).toBe(3);
    expect((await reader.previousSectionFile(bucket, 'flaky-2021', '1'))?.results).toEqual({
      candidateVotes: { C1: 50 },
    });
    expect(gets.filter((key) => key.endsWith('latest.json'))).toHaveLength(3);
  });

  it('given nothing published, when read, then there is no previous summary and no section file', async () => {
    const { bucket } = counting(site.bucket);
    await expect(reader.previousSummary(bucket, 'never-2021')).resolves.toBeUndefined();
    await expect(reader.previousSectionFile(bucket, 'never-2021', '1')).resolves.toBeUndefined();
  });

  it('given a published election, when read many times, then its pointer is read every 30 s, its snapshot and section files once per seq', async () => {
    // Prepare
    // Only Date is faked, by seconds (requests are signed with it: within S3's 15 minutes of skew).
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    await publish('town-2021', 7, 100);
    const { bucket, gets } = counting(site.bucket);
    const paths = publicPaths('town-2021');

    // Act: a busy night's publishes within 30 s.
    for (let i = 0; i < 5; i++) {
      expect((await reader.previousSummary(bucket, 'town-2021'))?.seq).toBe(7);
      expect((await reader.previousSectionFile(bucket, 'town-2021', '1'))?.results).toEqual({
        candidateVotes: { C1: 100 },
      });
    }

    // Assess
    expect(gets).toEqual([paths.pointer, paths.snapshot(7), paths.section('1')]);

    // Act: 31 s later, the same seq: only the pointer again.
    vi.setSystemTime(start + 31_000);
    await reader.previousSummary(bucket, 'town-2021');
    await reader.previousSectionFile(bucket, 'town-2021', '1');
    expect(gets.slice(3)).toEqual([paths.pointer]);

    // Act: a correction of the previous election published, then 31 s more: its new seq and files.
    await publish('town-2021', 8, 90);
    vi.setSystemTime(start + 62_000);
    expect((await reader.previousSummary(bucket, 'town-2021'))?.seq).toBe(8);
    expect((await reader.previousSectionFile(bucket, 'town-2021', '1'))?.results).toEqual({
      candidateVotes: { C1: 90 },
    });
    expect(gets.slice(4)).toEqual([paths.pointer, paths.snapshot(8), paths.section('1')]);
  });
});
