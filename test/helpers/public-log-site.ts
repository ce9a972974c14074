/**
 * A fixture of a published public log, made with shared/domain/log's library: an election's
 * checkpoint signed by a test key, its hash tiles and entry bundles, the deployment's key file and
 * the section files listing their receipts, exactly at the published layout's URL paths
 * (docs/interface.md, The public log). A few sections, turnout readings, counts, a correction and a
 * count whose body is not yet published; 262 entries, so two bundles and a tile of level 1. Also
 * a checkpoint saved part-way and one of another history under the same key, for `--since`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hashOf } from '../../shared/domain/canonical.js';
import { signerFromSeed } from '../../shared/domain/log/signed-note.js';
import {
  logEntryBytes,
  opaqueCredentialId,
  type PublicLogEntry,
  receiptOf,
} from '../../shared/domain/public-log-entry.js';
import type { FetchPublicFile } from '../../shared/domain/public-log-paths.js';
import type { SectionLogLine } from '../../shared/domain/public-log-receipt.js';
import { MemoryLog } from './memory-log.js';

export const FIXTURE_ELECTION = 'demo-2026';
const ORIGIN = `election-night-test/results/${FIXTURE_ELECTION}/log`;

export interface FixtureReceipt extends SectionLogLine {
  sectionId: string;
}

export interface PublicLogSite {
  electionId: string;
  /** Every file, by its URL path (`/results/...`). */
  files: Map<string, Uint8Array>;
  fetch: FetchPublicFile;
  verifierKey: string;
  /** The count of section 1 as corrected (version 2), in the second bundle. */
  correction: FixtureReceipt;
  /** Its first version, flagged: still in the log. */
  flagged: FixtureReceipt;
  /** Section 2's first turnout reading, in the first bundle. */
  turnout: FixtureReceipt;
  /** Section 3's count, whose body is not published yet. */
  unpublished: FixtureReceipt;
  /** The checkpoint signed after the first 257 entries, as a citizen saved it then. */
  earlyCheckpoint: string;
  /** A checkpoint of 257 entries of another history, signed by the same key. */
  foreignCheckpoint: string;
}

const RESULTS_1_FLAGGED = {
  voters: 560,
  blankBallots: 3,
  invalidBallots: 7,
  contestedBallots: 0,
  candidateVotes: { C1: 200, C2: 305 },
  listVotes: { L1: 150, L2: 379 },
};
const RESULTS_1 = { ...RESULTS_1_FLAGGED, candidateVotes: { C1: 200, C2: 350 } };
const RESULTS_2 = {
  voters: 480,
  blankBallots: 5,
  invalidBallots: 4,
  contestedBallots: 1,
  candidateVotes: { C1: 250, C2: 220 },
  listVotes: { L1: 240, L2: 210 },
};
const RESULTS_3 = { ...RESULTS_2, voters: 470 };

interface Write {
  sectionId: string;
  item: string;
  version: number;
  status: string;
  body: unknown;
  published: boolean;
}

const sectionWrite = (write: Write, at: string): PublicLogEntry => ({
  electionId: FIXTURE_ELECTION,
  kind: write.version === 1 ? 'submit' : 'correct',
  at,
  role: 'officer',
  credentialId: opaqueCredentialId(`officer-${write.sectionId}`),
  sectionId: write.sectionId,
  item: write.item,
  version: write.version,
  status: write.status,
  bodyHash: hashOf(write.body),
});

const staffWrite = (kind: 'define' | 'issue-credential', i: number): PublicLogEntry => ({
  electionId: FIXTURE_ELECTION,
  kind,
  at: `2026-05-23T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
  role: 'staff',
  credentialId: opaqueCredentialId('staff:maria'),
  ...(kind === 'define'
    ? { definitionHash: 'ab'.repeat(32), sections: 254 }
    : { subjectCredentialId: opaqueCredentialId(`officer-${i}`) }),
});

const encode = (text: string) => new TextEncoder().encode(text);

export async function publicLogSite(): Promise<PublicLogSite> {
  const signer = signerFromSeed(ORIGIN, new Uint8Array(32).fill(11));
  const other = signerFromSeed('election-night-test/results/other-2026/log', new Uint8Array(32).fill(12));
  const log = new MemoryLog();

  const turnout = (sectionId: string, slot: string, voters: number): Write => ({
    sectionId,
    item: `turnout/${slot}`,
    version: 1,
    status: 'accepted',
    body: { voters },
    published: true,
  });
  const stageOne: Write[] = [turnout('1', 'T1', 189), turnout('2', 'T1', 160), turnout('3', 'T1', 150)];
  const stageTwo: Write[] = [
    {
      sectionId: '1',
      item: 'results',
      version: 1,
      status: 'flagged',
      body: RESULTS_1_FLAGGED,
      published: true,
    },
    turnout('1', 'T2', 560),
    { sectionId: '1', item: 'results', version: 2, status: 'accepted', body: RESULTS_1, published: true },
    { sectionId: '2', item: 'results', version: 1, status: 'accepted', body: RESULTS_2, published: true },
    { sectionId: '3', item: 'results', version: 1, status: 'accepted', body: RESULTS_3, published: false },
  ];

  const lines = new Map<string, FixtureReceipt[]>();
  const entriesOf = (writes: Write[], first: number, at: string) =>
    writes.map((write, i) => {
      const entry = sectionWrite(write, at);
      const line: FixtureReceipt = {
        sectionId: write.sectionId,
        item: write.item,
        version: write.version,
        receipt: receiptOf(entry),
        logIndex: first + i,
        ...(write.published ? { body: write.body } : {}),
      };
      lines.set(write.sectionId, [...(lines.get(write.sectionId) ?? []), line]);
      return logEntryBytes(entry);
    });

  // Stage one: the definition, 253 officer codes, three turnout readings: 257 entries.
  const staff = [
    staffWrite('define', 0),
    ...Array.from({ length: 253 }, (_, i) => staffWrite('issue-credential', i + 1)),
  ];
  const first = staff.map(logEntryBytes);
  await log.append([...first, ...entriesOf(stageOne, first.length, '2026-05-24T12:00:05Z')]);
  const earlyCheckpoint = await log.sign(signer, '2026-05-24T12:01:00Z');

  // Another history of the same size: the readings in another order, under the same key.
  const foreign = new MemoryLog();
  await foreign.append([
    ...first,
    ...[...stageOne].reverse().map((w) => logEntryBytes(sectionWrite(w, '2026-05-24T12:00:05Z'))),
  ]);
  const foreignCheckpoint = await foreign.sign(signer, '2026-05-24T12:01:00Z');

  await log.append(entriesOf(stageTwo, log.size, '2026-05-25T21:10:00Z'));
  await log.sign(signer, '2026-05-25T21:30:00Z');

  const files = new Map<string, Uint8Array>();
  const prefix = `/results/${FIXTURE_ELECTION}/log/`;
  for (const [path, bytes] of log.files) files.set(`${prefix}${path}`, bytes);
  files.set('/results/log-key.txt', encode(`${other.verifierKey}\n${signer.verifierKey}\n`));
  for (const [sectionId, sectionLines] of lines) {
    const file = {
      electionId: FIXTURE_ELECTION,
      rehearsal: false,
      section: { id: sectionId, name: `Sezione ${sectionId}`, registeredVoters: 900 },
      log: sectionLines.map(({ sectionId: _s, ...line }) => line),
    };
    files.set(`/results/${FIXTURE_ELECTION}/sections/${sectionId}.json`, encode(JSON.stringify(file)));
  }
  const find = (sectionId: string, item: string, version: number) => {
    const line = lines.get(sectionId)?.find((l) => l.item === item && l.version === version);
    if (!line) throw new Error(`no fixture line ${sectionId} ${item} ${version}`);
    return line;
  };
  return {
    electionId: FIXTURE_ELECTION,
    files,
    fetch: async (path) => files.get(path),
    verifierKey: signer.verifierKey,
    correction: find('1', 'results', 2),
    flagged: find('1', 'results', 1),
    turnout: find('2', 'turnout/T1', 1),
    unpublished: find('3', 'results', 1),
    earlyCheckpoint,
    foreignCheckpoint,
  };
}

/** Writes the files under `dir`, each at its URL path. */
export function writeSite(dir: string, files: ReadonlyMap<string, Uint8Array | string>): void {
  for (const [path, bytes] of files) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
}

/** The same bytes with one bit flipped at `at` (from the end when negative). */
export function flipped(bytes: Uint8Array, at = -1): Uint8Array {
  const copy = new Uint8Array(bytes);
  const i = at < 0 ? copy.length + at : at;
  copy[i] = (copy[i] as number) ^ 0x01;
  return copy;
}
