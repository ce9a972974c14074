/**
 * `npm run verify-log -- <electionId> [--receipt r] [--section s] [--since <file>] [--save <file>]
 * [--site <base URL>]`
 *
 * Checks an election's public log from the site's published files alone, as anyone can: with
 * --receipt, that receipt (its entry, its inclusion under the signed checkpoint, its numbers);
 * without, the whole log (every bundle, entry and tile, and the signed root). --since checks that
 * a checkpoint saved earlier (by --save) is a prefix of today's log. Prints what was checked and
 * what it proves; exits 0 only when everything verifies, 1 naming the check that failed, 2 on
 * wrong usage. The local stack's site by default (SITE_URL, or 127.0.0.1 on SITE_PORT).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditLog } from '../../shared/domain/public-log-audit.js';
import type { LogCheck, LogCheckFailure } from '../../shared/domain/public-log-checks.js';
import { verifyConsistencySince } from '../../shared/domain/public-log-consistency.js';
import { verifyReceipt } from '../../shared/domain/public-log-receipt.js';
import { CHECK_WORDS } from './verify-log/check-words.js';
import { httpFiles } from './verify-log/http-files.js';

const USAGE =
  'usage: npm run verify-log -- <electionId> [--receipt <64 hex>] [--section <sectionId>] [--since <saved checkpoint file>] [--save <file>] [--site <base URL>]';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    receipt: { type: 'string' },
    section: { type: 'string' },
    since: { type: 'string' },
    save: { type: 'string' },
    site: {
      type: 'string',
      default: process.env.SITE_URL ?? `http://127.0.0.1:${process.env.SITE_PORT ?? '8080'}`,
    },
    help: { type: 'boolean', default: false },
  },
});
const electionId = positionals[0];
if (values.help || !electionId || (values.section !== undefined && values.receipt === undefined)) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const files = httpFiles(values.site);
let failed = false;
const passedLines = (passed: LogCheck[]) => {
  for (const check of new Set(passed)) console.log(`  ok      ${CHECK_WORDS[check]}`);
};
const failedLine = (failure: LogCheckFailure) => {
  failed = true;
  console.log(`  FAILED  [${failure.check}] ${CHECK_WORDS[failure.check]}: ${failure.detail}`);
};
const figures = (body: unknown, prefix = ''): string[] =>
  body !== null && typeof body === 'object'
    ? Object.entries(body).flatMap(([key, value]) => figures(value, `${prefix}${prefix ? '.' : ''}${key}`))
    : [`${prefix} ${String(body)}`];

console.log(`the public log of ${electionId} at ${values.site}`);
let note: string | undefined;

if (values.receipt !== undefined) {
  console.log(
    `receipt ${values.receipt}${values.section !== undefined ? ` of section ${values.section}` : ''}:`,
  );
  const verdict = await verifyReceipt(files, {
    electionId,
    receipt: values.receipt,
    ...(values.section !== undefined ? { sectionId: values.section } : {}),
  });
  passedLines(verdict.passed);
  if (verdict.ok) {
    const p = verdict.proof;
    const what =
      p.sectionId !== undefined ? `section ${p.sectionId}, ${p.item} version ${p.version}` : p.kind;
    console.log(
      `  proves: ${what} (${p.kind}${p.status ? `, ${p.status}` : ''}, written ${p.at}) is entry ${p.logIndex} of the log, under the checkpoint of ${p.treeSize} entries signed at ${p.signedAt ?? 'an unstated time'} (root ${p.root})`,
    );
    console.log(
      p.body !== undefined
        ? `  the numbers: ${figures(p.body).join(', ')}`
        : '  the numbers are not published yet (counts before the close): the entry holds only their hash',
    );
    note = p.checkpointNote;
  } else failedLine(verdict.failure);
} else {
  console.log('the whole log:');
  const audit = await auditLog(files, electionId);
  passedLines(audit.passed);
  for (const problem of audit.problems.slice(0, 60)) failedLine(problem);
  if (audit.problems.length > 60) console.log(`  ... and ${audit.problems.length - 60} more problems`);
  if (audit.size !== undefined)
    console.log(
      `  checkpoint: ${audit.size} entries signed at ${audit.signedAt ?? 'an unstated time'}, root ${audit.root}; ${audit.bundles} entry bundles and ${audit.tiles} tiles checked`,
    );
  if (audit.ok)
    console.log(
      `  proves: these ${audit.size} entries, and no others, are the log the key signed (${Object.entries(
        audit.kinds,
      )
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')})`,
    );
  note = audit.note;
}

if (values.since !== undefined) {
  console.log(`since the checkpoint saved in ${values.since}:`);
  const verdict = await verifyConsistencySince(files, electionId, readFileSync(values.since));
  passedLines(verdict.passed);
  if (verdict.failure) failedLine(verdict.failure);
  else
    console.log(
      `  proves: the log of ${verdict.saved?.size} entries signed at ${verdict.saved?.signedAt} is the start of today's ${verdict.current?.size}, unchanged`,
    );
}

if (values.save !== undefined && !failed && note !== undefined) {
  writeFileSync(values.save, note);
  console.log(`saved the checkpoint to ${values.save}: check later with --since ${values.save}`);
}

console.log(failed ? 'NOT VERIFIED' : 'verified');
process.exit(failed ? 1 : 0);
