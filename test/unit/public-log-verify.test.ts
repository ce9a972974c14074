/**
 * Verifying receipts, auditing the whole log and checking a saved checkpoint's consistency from
 * the published files alone, against a fixture log made with the library (test/helpers/
 * public-log-site.ts); and each kind of tampering reported as the check it breaks.
 */
import { describe, expect, it } from 'vitest';
import { signerFromSeed } from '../../shared/domain/log/signed-note.js';
import { tilePath } from '../../shared/domain/log/tile-path.js';
import { auditLog } from '../../shared/domain/public-log-audit.js';
import { verifyConsistencySince } from '../../shared/domain/public-log-consistency.js';
import type { FetchPublicFile } from '../../shared/domain/public-log-paths.js';
import { verifyReceipt } from '../../shared/domain/public-log-receipt.js';
import { parseReceiptText, receiptFieldsOf, receiptLink } from '../../shared/domain/receipt-link.js';
import { flipped, type PublicLogSite, publicLogSite } from '../helpers/public-log-site.js';

const site: PublicLogSite = await publicLogSite();
const LOG = '/results/demo-2026/log/';
/** A key of the log's own name, but not its key. */
const otherKey = signerFromSeed(
  'election-night-test/results/demo-2026/log',
  new Uint8Array(32).fill(99),
).verifierKey;
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** The site with some files replaced (undefined: removed). */
function tampered(changes: Record<string, Uint8Array | string | undefined>): FetchPublicFile {
  return async (path) => {
    if (path in changes) {
      const changed = changes[path];
      return typeof changed === 'string' ? new TextEncoder().encode(changed) : changed;
    }
    return site.files.get(path);
  };
}

const bytesAt = (path: string) => site.files.get(path) as Uint8Array;

/** The file's bytes with one text replaced by another of the same length, the bundle's framing kept. */
function replacedIn(path: string, from: string, to: string): Uint8Array {
  const bytes = new Uint8Array(bytesAt(path));
  const [needle, replacement] = [new TextEncoder().encode(from), new TextEncoder().encode(to)];
  const at = Buffer.from(bytes).indexOf(Buffer.from(needle));
  if (at < 0 || needle.length !== replacement.length) throw new Error(`no ${from} of that length in ${path}`);
  bytes.set(replacement, at);
  return bytes;
}
const checkpoint = () => text(bytesAt(`${LOG}checkpoint`));
const level0Tile = `${LOG}${tilePath({ level: 0, index: 1, width: 6 })}`;
const firstBundle = `${LOG}${tilePath({ level: 'entries', index: 0, width: 256 })}`;
const secondBundle = `${LOG}${tilePath({ level: 'entries', index: 1, width: 6 })}`;

describe('verifying a receipt', () => {
  it('given a genuine receipt and its section, then it proves the section, item, version, status, numbers, index and signed time', async () => {
    // Act
    const verdict = await verifyReceipt(site.fetch, {
      electionId: 'demo-2026',
      sectionId: '1',
      receipt: site.correction.receipt.toUpperCase(),
    });

    // Assess
    expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.proof).toMatchObject({
      sectionId: '1',
      item: 'results',
      version: 2,
      kind: 'correct',
      status: 'accepted',
      body: site.correction.body,
      logIndex: site.correction.logIndex,
      treeSize: 262,
      signedAt: '2026-05-25T21:30:00Z',
    });
    expect(verdict.passed).toEqual(
      expect.arrayContaining([
        'key',
        'signature',
        'section-file',
        'leaf-hash',
        'inclusion',
        'entry',
        'body-hash',
      ]),
    );
  });

  it('given a receipt without its section, then the bundles are scanned and the section file still gives the body', async () => {
    for (const line of [site.turnout, site.flagged, site.correction]) {
      const verdict = await verifyReceipt(site.fetch, { electionId: 'demo-2026', receipt: line.receipt });
      expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
      if (verdict.ok)
        expect(verdict.proof).toMatchObject({
          logIndex: line.logIndex,
          sectionId: line.sectionId,
          body: line.body,
        });
    }
  });

  it('given a version whose body is not published, then it verifies without numbers and without the body check', async () => {
    const verdict = await verifyReceipt(site.fetch, {
      electionId: 'demo-2026',
      sectionId: '3',
      receipt: site.unpublished.receipt,
    });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.proof.body).toBeUndefined();
    expect(verdict.passed).not.toContain('body-hash');
  });

  it.each([
    ['an unknown receipt', {}, { receipt: 'ab'.repeat(32) }, 'section-file'],
    ['an unknown receipt, scanned', {}, { receipt: 'ab'.repeat(32), sectionId: undefined }, 'receipt-in-log'],
    ['not a receipt', {}, { receipt: 'xyz' }, 'receipt'],
    ['another section', {}, { sectionId: '2' }, 'section-file'],
    ['the key removed', { '/results/log-key.txt': undefined }, {}, 'key'],
    [
      'the key replaced',
      { '/results/log-key.txt': 'election-night-test/results/demo-2026/log+00000000+AQ==\n' },
      {},
      'key',
    ],
    ['the checkpoint removed', { [`${LOG}checkpoint`]: undefined }, {}, 'checkpoint'],
  ] as const)('given %s, then the check that fails is named', async (_name, changes, query, check) => {
    const verdict = await verifyReceipt(tampered(changes), {
      electionId: 'demo-2026',
      sectionId: '1',
      receipt: site.correction.receipt,
      ...query,
    });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.failure.check, verdict.failure.detail).toBe(check);
  });

  it('given a section file ahead of the signed checkpoint, then the receipt is not yet under it', async () => {
    const verdict = await verifyReceipt(tampered({ [`${LOG}checkpoint`]: site.earlyCheckpoint }), {
      electionId: 'demo-2026',
      sectionId: '1',
      receipt: site.correction.receipt,
    });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok)
      expect(verdict.failure).toMatchObject({
        check: 'in-checkpoint',
        detail: expect.stringContaining('try again'),
      });
  });

  it('given a checkpoint whose size or root was changed, then its signature fails', async () => {
    const [origin, size, ...rest] = checkpoint().split('\n');
    for (const note of [
      [origin, String(Number(size) + 1), ...rest].join('\n'),
      checkpoint().replace(/^(.*\n.*\n)(.)/, (_, head, c) => `${head}${c === 'A' ? 'B' : 'A'}`),
    ]) {
      const verdict = await verifyReceipt(tampered({ [`${LOG}checkpoint`]: note }), {
        electionId: 'demo-2026',
        receipt: site.correction.receipt,
        sectionId: '1',
      });
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.failure.check).toBe('signature');
    }
  });

  it('given a tampered hash tile, then the inclusion proof fails, for an entry of either bundle', async () => {
    const firstTile = `${LOG}${tilePath({ level: 0, index: 0, width: 256 })}`;
    for (const [tile, line] of [
      [level0Tile, site.correction],
      [firstTile, site.turnout],
    ] as const) {
      const verdict = await verifyReceipt(tampered({ [tile]: flipped(bytesAt(tile), 5) }), {
        electionId: 'demo-2026',
        receipt: line.receipt,
        sectionId: line.sectionId,
      });
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.failure.check).toBe('inclusion');
    }
  });

  it('given a tampered entry bundle, then the entry no longer hashes to the receipt', async () => {
    const changed = replacedIn(secondBundle, '"version":2', '"version":3');
    const verdict = await verifyReceipt(tampered({ [secondBundle]: changed }), {
      electionId: 'demo-2026',
      receipt: site.correction.receipt,
      sectionId: '1',
    });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.failure.check).toBe('leaf-hash');
  });

  it('given a section file whose body or version was changed, then the body hash or the entry check fails', async () => {
    const path = '/results/demo-2026/sections/1.json';
    const file = JSON.parse(text(bytesAt(path)));
    const withBody = structuredClone(file);
    withBody.log.find(
      (l: { version: number; item: string }) => l.item === 'results' && l.version === 2,
    ).body.voters += 1;
    const withVersion = structuredClone(file);
    withVersion.log.find(
      (l: { version: number; item: string }) => l.item === 'results' && l.version === 2,
    ).version = 3;
    for (const [changed, check] of [
      [withBody, 'body-hash'],
      [withVersion, 'entry'],
    ] as const) {
      const verdict = await verifyReceipt(tampered({ [path]: JSON.stringify(changed) }), {
        electionId: 'demo-2026',
        receipt: site.correction.receipt,
        sectionId: '1',
      });
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.failure.check).toBe(check);
    }
  });

  it('given a site that cannot be read, then that is what fails, not a forgery', async () => {
    const down: FetchPublicFile = () => Promise.reject(new Error('fetch failed'));
    const verdict = await verifyReceipt(down, { electionId: 'demo-2026', receipt: site.correction.receipt });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok)
      expect(verdict.failure).toEqual({
        check: 'site',
        detail: '/results/log-key.txt could not be read: fetch failed',
      });
    expect((await auditLog(down, 'demo-2026')).problems.map((p) => p.check)).toEqual(['site']);
    expect((await verifyConsistencySince(down, 'demo-2026', checkpoint())).failure?.check).toBe('site');
  });

  it('given a receipt of another election, then no key names that log', async () => {
    const verdict = await verifyReceipt(site.fetch, {
      electionId: 'elsewhere-2026',
      receipt: site.correction.receipt,
    });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.failure.check).toBe('key');
  });
});

describe('auditing the whole log', () => {
  it('given the published log, then every bundle, entry and tile checks and the root is the signed one', async () => {
    const audit = await auditLog(site.fetch, 'demo-2026');
    expect(audit.problems).toEqual([]);
    expect(audit).toMatchObject({ ok: true, size: 262, bundles: 2, signedAt: '2026-05-25T21:30:00Z' });
    expect(audit.tiles).toBe(3);
    expect(audit.kinds).toEqual({ define: 1, 'issue-credential': 253, submit: 7, correct: 1 });
    expect(audit.passed).toEqual(
      expect.arrayContaining(['signature', 'entry-bundle', 'entry', 'tile', 'root']),
    );
  });

  it.each([
    ['a tampered tile', { [level0Tile]: flipped(bytesAt(level0Tile)) }, 'tile'],
    ['a missing tile', { [level0Tile]: undefined }, 'tile'],
    ['a tampered entry bundle', { [firstBundle]: flipped(bytesAt(firstBundle)) }, 'entry'],
    ['a truncated entry bundle', { [firstBundle]: bytesAt(firstBundle).subarray(0, 100) }, 'entry-bundle'],
    ['a missing entry bundle', { [secondBundle]: undefined }, 'entry-bundle'],
    ['a key file naming another key for the log', { '/results/log-key.txt': `${otherKey}\n` }, 'signature'],
  ] as const)('given %s, then the audit names it', async (_name, changes, check) => {
    const audit = await auditLog(tampered(changes), 'demo-2026');
    expect(audit.ok).toBe(false);
    expect(audit.problems.map((p) => p.check)).toContain(check);
  });

  it('given an entry replaced by another that is valid JSON of the election, then the tiles and the root disagree', async () => {
    const changed = replacedIn(firstBundle, '"kind":"define"', '"kind":"reopen"');
    const audit = await auditLog(tampered({ [firstBundle]: changed }), 'demo-2026');
    expect(audit.problems.map((p) => p.check)).toEqual(['tile', 'tile', 'root']);
  });
});

describe('a saved checkpoint against the current one', () => {
  it('given a checkpoint saved earlier, then the current log extends it', async () => {
    const verdict = await verifyConsistencySince(site.fetch, 'demo-2026', site.earlyCheckpoint);
    expect(verdict).toMatchObject({ ok: true, saved: { size: 257 }, current: { size: 262 } });
  });

  it('given the current checkpoint itself, then it is consistent', async () => {
    expect((await verifyConsistencySince(site.fetch, 'demo-2026', checkpoint())).ok).toBe(true);
  });

  it('given a checkpoint of another history under the same key, then consistency fails', async () => {
    const verdict = await verifyConsistencySince(site.fetch, 'demo-2026', site.foreignCheckpoint);
    expect(verdict.ok).toBe(false);
    expect(verdict.failure?.check).toBe('consistency');
  });

  it('given a saved checkpoint whose signature does not verify, or larger than the current one, then it is refused', async () => {
    const forged = site.earlyCheckpoint.replace('\n257\n', '\n258\n');
    expect((await verifyConsistencySince(site.fetch, 'demo-2026', forged)).failure?.check).toBe(
      'saved-checkpoint',
    );
    const shrunk = tampered({ [`${LOG}checkpoint`]: site.earlyCheckpoint });
    expect((await verifyConsistencySince(shrunk, 'demo-2026', checkpoint())).failure?.check).toBe(
      'consistency',
    );
  });
});

describe('the receipt link', () => {
  it('given a receipt, then its link opens the verification page filled in, and reads back', () => {
    const link = receiptLink('https://risultati.example.it', {
      electionId: 'demo-2026',
      sectionId: '12',
      receipt: site.correction.receipt,
    });
    expect(link).toBe(
      `https://risultati.example.it/verify/?election=demo-2026&section=12&receipt=${site.correction.receipt}`,
    );
    expect(parseReceiptText(` ${link} `)).toEqual({
      electionId: 'demo-2026',
      sectionId: '12',
      receipt: site.correction.receipt,
    });
    expect(receiptFieldsOf(new URL(link).searchParams).sectionId).toBe('12');
    expect(parseReceiptText(site.correction.receipt.toUpperCase())).toEqual({
      receipt: site.correction.receipt,
    });
    expect(parseReceiptText('https://example.org/other/?receipt=ab')).toBeUndefined();
    expect(parseReceiptText('hello')).toBeUndefined();
  });
});
