/**
 * One home for each rule: every DynamoDB key is built in shared/db/keys.ts, the stream filters
 * serverless.yml deploys are the lists of shared/db/stream-filters.json and name only those keys.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_PART_SK_PREFIX,
  AUDIT_HEAD_SK,
  ELECTION_STATE_SK,
  HEAL_STATE_SK,
  HEALTH_PROBE_SK,
  HISTORY_SK_PREFIX,
  PUBLIC_LOG_SK,
  RESULT_SK,
  TURNOUT_SK_PREFIX,
} from '../../shared/db/keys.js';
import filters from '../../shared/db/stream-filters.json' with { type: 'json' };

const sources = execFileSync('git', ['ls-files', 'functions', 'shared', 'infra', 'site'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file.endsWith('.ts'));

describe('one home for each rule', () => {
  it('builds no DynamoDB key outside shared/db/keys.ts', () => {
    const keyLiteral =
      /['"`](ELECTION|SECTION|HISTORY|TOKEN|SIGNIN|AGGREGATE|AUDIT|AUDITED|APPLIED|WINDOW|HEALTH|TURNOUT)#|\b(PK|SK): ['"`]/;
    const offenders = sources
      .filter((file) => file !== 'shared/db/keys.ts' && !file.startsWith('infra/local/iam/'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line }))
          .filter(({ text }) => keyLiteral.test(text)),
      )
      .map(({ file, line, text }) => `${file}:${line}: ${text.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('retries nowhere but in shared/retry.ts', () => {
    const loop = /for \(let (attempt|round)\b|attempt\+\+|setTimeout\(resolve, [^)]*\*\*/;
    const offenders = sources
      .filter(
        (file) => file !== 'shared/retry.ts' && (file.startsWith('shared/') || file.startsWith('functions/')),
      )
      .filter((file) => loop.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('filters the stream by the table’s own keys only', () => {
    const known = new Set([
      RESULT_SK,
      `prefix:${TURNOUT_SK_PREFIX}`,
      `prefix:${HISTORY_SK_PREFIX}`,
      HEALTH_PROBE_SK,
      `prefix:${AGGREGATE_PART_SK_PREFIX}`,
      ELECTION_STATE_SK,
      AUDIT_HEAD_SK,
      HEAL_STATE_SK,
      PUBLIC_LOG_SK,
    ]);
    for (const [reader, patterns] of Object.entries(filters))
      for (const pattern of patterns)
        for (const value of pattern.dynamodb.Keys.SK.S) {
          const name = typeof value === 'string' ? value : `prefix:${value.prefix}`;
          expect(known.has(name), `${reader}: ${name}`).toBe(true);
        }
  });
});
