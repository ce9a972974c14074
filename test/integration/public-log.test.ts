import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndChain } from '../helpers/aggregate-and-chain.js';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { verifyLogIndependently } from '../helpers/independent-log-verifier.js';
import { startLocalBucket } from '../helpers/local-bucket.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';
import { readBucketLog } from '../helpers/site-log.js';

/**
 * The public log's writer on DynamoDB Local and the local S3: submissions chained by the real
 * aggregation from the table's stream, then appended, some appends side by side; the log the
 * bucket holds is checked by the independent verifier, every receipt an officer was answered is
 * its entry's leaf, and every later checkpoint is consistent with every earlier one.
 */

const ELECTION = 'log-night';
const BUCKET = 'election-night-log-test';
let table: Awaited<ReturnType<typeof startLocalTable>>;
let site: Awaited<ReturnType<typeof startLocalBucket>>;
let keyDirectory: string;
let m: NightUseCases &
  typeof import('../../shared/use-cases/append-public-log.js') &
  typeof import('../../shared/use-cases/public-log-due.js') &
  typeof import('../../shared/storage/log-files.js') &
  typeof import('../../shared/aws/log-signing-key.js') &
  typeof import('../../shared/db/audit.js') &
  typeof import('../../shared/domain/log/index.js');

beforeAll(async () => {
  keyDirectory = mkdtempSync(join(tmpdir(), 'log-key-'));
  writeFileSync(join(keyDirectory, 'log-signing-key.txt'), 'a test key, not a secret\n');
  process.env.LOG_SIGNING_KEY_FILE = join(keyDirectory, 'log-signing-key.txt');
  table = await startLocalTable();
  site = await startLocalBucket(BUCKET);
  m = {
    ...(await nightUseCases()),
    ...(await import('../../shared/use-cases/append-public-log.js')),
    ...(await import('../../shared/use-cases/public-log-due.js')),
    ...(await import('../../shared/storage/log-files.js')),
    ...(await import('../../shared/aws/log-signing-key.js')),
    ...(await import('../../shared/db/audit.js')),
    ...(await import('../../shared/domain/log/index.js')),
  };
  await m.defineElection(ELECTION, smallElection(ELECTION), testActor);
}, 120_000);

afterAll(async () => {
  await site?.stop();
  await table?.stop();
  rmSync(keyDirectory, { recursive: true, force: true });
});

const writer = () => ({ files: m.s3LogFiles(BUCKET), logName: 'test.example/night', signer: m.logSigner });
const chainWhatArrived = async () => aggregateAndChain(await table.readNewStreamRecords());

/** The log as the bucket holds it, its key named after the writer's log. */
async function bucketLog() {
  const log = await readBucketLog(BUCKET, ELECTION);
  expect(log.keyLine.split('+')[0]).toBe(`test.example/night/results/${ELECTION}/log`);
  return log;
}

describe('the public log of a night', () => {
  const receipts: string[] = [];
  const checkpoints: string[] = [];

  it('given chained submissions, when the log is appended, then the bucket holds a log the independent verifier accepts, with every receipt at its index', async () => {
    // Prepare
    for (const sectionId of ['1', '2', '3']) {
      const reading = await m.submitTurnout({
        actor: testActor,
        electionId: ELECTION,
        sectionId,
        slotId: 'T1',
        body: { voters: 40 },
      });
      const count = await m.submitResults({
        actor: testActor,
        electionId: ELECTION,
        sectionId,
        body: squareResults(1),
      });
      receipts.push(reading.receipt, count.receipt);
    }
    await chainWhatArrived();
    // Act
    const report = await m.appendPublicLog(ELECTION, writer());
    // Assess
    const head = await m.readAuditHead(ELECTION);
    expect(report).toMatchObject({ outcome: 'appended', size: head?.seq });
    const { files, keyLine } = await bucketLog();
    const verdict = verifyLogIndependently(files, keyLine);
    expect(verdict.size).toBe(head?.seq);
    const leaves = verdict.entries.map((entry) => m.toHex(m.leafHash(entry)));
    for (const receipt of receipts) expect(leaves).toContain(receipt);
    const entries = verdict.entries.map((entry) => JSON.parse(new TextDecoder().decode(entry)));
    expect(entries[0]).toMatchObject({ electionId: ELECTION, kind: 'define', role: 'staff' });
    expect(JSON.stringify(entries)).not.toMatch(/token|password|secret/i);
    checkpoints.push(new TextDecoder().decode(files.get('checkpoint')));
  });

  it('given nothing new, when the log is appended again, then it is up to date and the checkpoint stays', async () => {
    const report = await m.appendPublicLog(ELECTION, writer());
    expect(report.outcome).toBe('up-to-date');
    const { files } = await bucketLog();
    expect(new TextDecoder().decode(files.get('checkpoint'))).toBe(checkpoints[0]);
  });

  it('given a night that keeps chaining while a writer appends, when its time runs short, then it lets the lease go after its round, and the next writer appends the rest', async () => {
    // Prepare: each checkpoint written, another count arrives and is chained (three times).
    let more = 3;
    const files = m.s3LogFiles(BUCKET);
    const busyNight = {
      ...files,
      async putText(key: string, text: string) {
        await files.putText(key, text);
        if (key.endsWith('checkpoint') && more-- > 0) {
          await m.submitResults({
            actor: testActor,
            electionId: ELECTION,
            sectionId: '1',
            body: squareResults(10 + more),
          });
          await chainWhatArrived();
        }
      },
    };
    await m.submitResults({
      actor: testActor,
      electionId: ELECTION,
      sectionId: '1',
      body: squareResults(20),
    });
    await chainWhatArrived();
    // Act
    const hurried = await m.appendPublicLog(ELECTION, { ...writer(), files: busyNight, timeLeftMs: () => 0 });
    const left = await m.publicLogDue(ELECTION);
    const next = await m.appendPublicLog(ELECTION, writer());
    // Assess
    expect(hurried.outcome).toBe('appended');
    expect(left.due).toBe(true);
    expect(next.outcome).toBe('appended');
    expect(next.size).toBe((await m.readAuditHead(ELECTION))?.seq);
    expect((await m.publicLogDue(ELECTION)).due).toBe(false);
  });

  it('given corrections and a reopening, when writers append side by side, then one writes at a time, nothing is skipped or doubled, and the new checkpoint is consistent with the old', async () => {
    // Prepare: more than a partial tile's worth, in steps.
    for (let round = 2; round <= 4; round++) {
      for (const sectionId of ['1', '2', '3'])
        receipts.push(
          (
            await m.submitResults({
              actor: testActor,
              electionId: ELECTION,
              sectionId,
              body: squareResults(round),
            })
          ).receipt,
        );
      await chainWhatArrived();
      // Act
      const reports = await Promise.all([
        m.appendPublicLog(ELECTION, writer()),
        m.appendPublicLog(ELECTION, writer()),
        m.appendPublicLog(ELECTION, writer()),
      ]);
      expect(reports.filter((r) => r.outcome === 'appended').length).toBeLessThanOrEqual(1);
      checkpoints.push(new TextDecoder().decode((await bucketLog()).files.get('checkpoint')));
    }
    await m.reviewSection('reopen', ELECTION, '2', { reason: 'schede da ricontare' }, testActor);
    await chainWhatArrived();
    await m.appendPublicLog(ELECTION, writer());
    // Assess
    const head = await m.readAuditHead(ELECTION);
    const { files, keyLine } = await bucketLog();
    const verdict = verifyLogIndependently(files, keyLine);
    expect(verdict.size).toBe(head?.seq);
    const leaves = verdict.entries.map((entry) => m.toHex(m.leafHash(entry)));
    expect(new Set(leaves).size).toBe(leaves.length);
    for (const receipt of receipts) expect(leaves).toContain(receipt);
    const last = JSON.parse(new TextDecoder().decode(verdict.entries.at(-1)));
    expect(last).toMatchObject({ kind: 'reopen', sectionId: '2', reason: 'schede da ricontare' });
    // Every earlier checkpoint is consistent with the last (RFC 9162 section 2.1.4).
    const verifier = m.parseVerifierKey(keyLine);
    const current = m.parseCheckpoint(
      m.openNote(new TextDecoder().decode(files.get('checkpoint')), [verifier]).text,
    );
    const readTile = async (level: number, index: number, width: number) =>
      files.get(m.tilePath({ level, index, width })) ?? new Uint8Array();
    const tree = new m.TreeHashes(current.size, readTile);
    for (const earlier of checkpoints) {
      const old = m.parseCheckpoint(m.openNote(earlier, [verifier]).text);
      const proof = await m.consistencyProof(tree, old.size);
      expect(m.verifyConsistency(old.size, current.size, proof, old.root, current.root)).toBe(true);
    }
  });

  it('given the log written, when verify-audit rebuilds it from the chain, then it is clean; a changed tile, bundle or checkpoint is named', async () => {
    const { publicLogProblems } = await import('../../infra/cli/verify-audit/verify-public-log.js');
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const { s3 } = await import('../../shared/storage/s3-bucket.js');
    const files = m.s3LogFiles(BUCKET);
    const chain = await m.listAllAuditEntries(ELECTION);
    expect(await publicLogProblems(files, ELECTION, chain)).toEqual({ size: chain.length, problems: [] });
    const { files: held } = await bucketLog();
    const put = (path: string, bytes: Uint8Array | string) =>
      s3().send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `results/${ELECTION}/log/${path}`, Body: bytes }),
      );
    // The current rightmost bundle and level-0 tile (fewer than 256 entries: partial ones).
    const bundlePath = `tile/entries/000.p/${chain.length}`;
    const tilePathHeld = `tile/0/000.p/${chain.length}`;
    const bundle = held.get(bundlePath) as Uint8Array;
    const tile = held.get(tilePathHeld) as Uint8Array;
    expect(chain.length).toBeLessThan(256);
    const checkpoint = held.get('checkpoint') as Uint8Array;
    try {
      // A changed entry: one byte of the bundle.
      const changed = Uint8Array.from(bundle);
      changed[10] = (changed[10] ?? 0) ^ 1;
      await put(bundlePath, changed);
      expect((await publicLogProblems(files, ELECTION, chain)).problems).toContainEqual({
        where: `public log ${bundlePath}`,
        problem: 'differs from the chain’s entries',
      });
      await put(bundlePath, bundle);
      const changedTile = Uint8Array.from(tile);
      changedTile[0] = (changedTile[0] ?? 0) ^ 1;
      await put(tilePathHeld, changedTile);
      expect((await publicLogProblems(files, ELECTION, chain)).problems.map((p) => p.where)).toContain(
        `public log ${tilePathHeld}`,
      );
      await put(tilePathHeld, tile);
      await put(
        'checkpoint',
        new TextDecoder().decode(checkpoint).replace(/\n(\d+)\n/, (_, n) => `\n${Number(n) - 1}\n`),
      );
      expect((await publicLogProblems(files, ELECTION, chain)).problems[0]?.problem).toMatch(
        /^does not verify/,
      );
    } finally {
      await put(bundlePath, bundle);
      await put(tilePathHeld, tile);
      await put('checkpoint', checkpoint);
    }
    expect((await publicLogProblems(files, ELECTION, chain)).problems).toEqual([]);
  });
});
