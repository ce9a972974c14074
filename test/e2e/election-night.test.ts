import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedTotals, generateNight } from '../../infra/cli/night/demo-night.js';
import { LOCAL_CREDENTIALS, type Stack } from '../../infra/local/stack.js';
import { parseCsv } from '../../shared/domain/csv.js';
import { cdfValidator } from '../helpers/cdf-schema.js';
import { E2E_STAFF_TOKEN, startDemoStack } from '../helpers/demo-stack.js';
import { demoElection } from '../helpers/elections.js';
import { inParallel, issueOfficerCodes, type Json, stackClient } from '../helpers/local-stack-client.js';
import { runOperatorCli } from '../helpers/operator-cli.js';
import { damagePart } from '../helpers/table-damage.js';

let stack: Stack;
const election = demoElection();

beforeAll(async () => {
  stack = await startDemoStack();
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

/** `npm run reconcile`, as an operator would run it, waiting up to 20 s for the pipeline. */
const reconcile = (electionId: string) => runOperatorCli(stack, 'reconcile', [electionId, '--wait', '20']);

const client = () => stackClient(stack);
const send: ReturnType<typeof stackClient>['send'] = (...args) => client().send(...args);
const publishedSummary = () => client().publishedSummary(election.id);
const waitForSummary = (done: (summary: Json) => boolean, timeoutMs?: number) =>
  client().waitForSummary(election.id, done, timeoutMs);

describe('an election night on the local stack', () => {
  it('given the demo election, when every section submits turnout and results over HTTP, then the published summary equals the independently computed totals', async () => {
    // Prepare
    const night = generateNight(election);
    const tokens = await issueOfficerCodes(stack, election.id, 'all');

    // Act
    await inParallel(night, 4, async (section) => {
      const token = tokens[section.sectionId] ?? '';
      for (const slot of election.turnoutSlots) {
        const base = `/v1/elections/${election.id}/sections/${section.sectionId}`;
        const reading = await send('PUT', `${base}/turnout/${slot.id}`, token, section.turnout[slot.id]);
        expect(reading.status, JSON.stringify(reading.body)).toBe(200);
      }
      const results = await send(
        'PUT',
        `/v1/elections/${election.id}/sections/${section.sectionId}/results`,
        token,
        section.results,
      );
      expect(results.body).toEqual({
        version: 1,
        status: 'accepted',
        checks: [],
        receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    // Assess
    const expected = expectedTotals(election, night);
    const summary = await waitForSummary(
      (s) =>
        (s.sections as { reported?: number } | undefined)?.reported === expected.sections.reported &&
        (s.turnout as { sectionsReported: number }[] | undefined)?.every(
          (t) => t.sectionsReported === night.length,
        ) === true,
    );
    expect(summary.status).toBe('final');
    expect(summary.sections).toEqual(expected.sections);
    expect(summary.totals).toEqual(expected.totals);
    expect(
      (summary.candidates as { id: string; votes: number }[]).map(({ id, votes }) => ({ id, votes })),
    ).toEqual(expected.candidates);
    expect(
      (summary.lists as { id: string; votes: number }[]).map(({ id, votes }) => ({ id, votes })),
    ).toEqual(expected.lists);
    expect(
      (summary.turnout as Record<string, unknown>[]).map(
        ({ slotId, sectionsReported, voters, registeredVoters }) => ({
          slotId,
          sectionsReported,
          voters,
          registeredVoters,
        }),
      ),
    ).toEqual(expected.turnout);
    // Over 15,000 inhabitants a mayor needs more than half the valid votes (TUEL art. 72), else the top two go to a run-off.
    const ranked = [...expected.candidates].sort((a, b) => b.votes - a.votes);
    const total = ranked.reduce((sum, c) => sum + c.votes, 0);
    if ((ranked[0]?.votes ?? 0) * 2 > total) {
      expect(summary.seats).toMatchObject({
        outcome: 'allocated',
        mayor: { candidateId: ranked[0]?.id },
        projection: false,
      });
    } else {
      expect(summary.runoff).toEqual({ candidateIds: [ranked[0]?.id, ranked[1]?.id] });
      expect(summary.seats).toMatchObject({ outcome: 'runoff', projection: false });
    }
  }, 180_000);

  it('given the night is published, when reconcile runs, then it finds zero differences; a tampered aggregate is reported', async () => {
    // Act
    const clean = await reconcile(election.id);
    // Assess
    expect(clean.status, clean.output).toBe(0);
    expect(clean.output).toContain('0 differences');

    // Prepare: damage a part of the total behind the system's back (the periodic reconciliation
    // would repair it within a minute; the check is made at once).
    const voters = ((await publishedSummary()).totals as { voters: number }).voters;
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.dynamodbEndpoint,
        region: 'eu-south-1',
        credentials: LOCAL_CREDENTIALS,
      }),
    );
    await damagePart(documents, stack.tableName, election.id, { voters: 1 });
    try {
      // Act
      const tampered = await runOperatorCli(stack, 'reconcile', [election.id]);
      // Assess
      expect(tampered.status).toBe(1);
      expect(tampered.output).toContain(`aggregate total: voters expected ${voters}, found ${voters + 1}`);
    } finally {
      await damagePart(documents, stack.tableName, election.id, { voters: -1 });
      documents.destroy();
    }
    // Whichever came first, the hand that undid it or the reconciliation, the totals are right.
    const after = await runOperatorCli(stack, 'reconcile', [election.id, '--wait', '90']);
    expect(after.status, after.output).toBe(0);
  }, 150_000);

  it('given a published section, when its drill-down file is read, then it holds its count and no secret', async () => {
    // Act
    const response = await fetch(`${stack.siteUrl}results/${election.id}/sections/1.json`);
    const text = await response.text();
    // Assess
    expect(response.headers.get('cache-control')).toContain('max-age=5');
    expect(JSON.parse(text)).toMatchObject({ status: 'reported', section: { id: '1' } });
    expect(text).not.toMatch(/token|hash/i);
  });

  it('given a correction, when the officer sends it, then the summary follows the latest version only', async () => {
    // Prepare
    const [first] = generateNight(election);
    if (!first) throw new Error('the demo election has no sections');
    const tokens = await issueOfficerCodes(stack, election.id, ['1']);
    const before = await publishedSummary();
    const corrected = {
      ...first.results,
      blankBallots: first.results.blankBallots + 2,
      candidateVotes: { ...first.results.candidateVotes, C1: (first.results.candidateVotes.C1 ?? 0) - 2 },
      listVotes: { ...first.results.listVotes, L1: (first.results.listVotes.L1 ?? 0) - 2 },
    };
    // Act
    const answer = await send(
      'PUT',
      `/v1/elections/${election.id}/sections/1/results`,
      tokens['1'] ?? '',
      corrected,
    );
    // Assess
    expect(answer.body).toMatchObject({ version: 2, status: 'accepted' });
    const blank = (before.totals as { blankBallots: number }).blankBallots;
    const after = await waitForSummary(
      (s) => (s.totals as { blankBallots?: number } | undefined)?.blankBallots === blank + 2,
    );
    expect((after.sections as { reported: number }).reported).toBe(election.sections.length);
  }, 60_000);
});

describe('the HTTP contract refuses bad requests with a stable code and stores nothing', () => {
  let token = '';
  const results = `/v1/elections/${election.id}/sections/2/results`;
  const raw = (path: string, init: RequestInit) => fetch(`${stack.apiUrl}${path}`, init);
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: { code: string; message: string } }).error;

  beforeAll(async () => {
    token = (await issueOfficerCodes(stack, election.id, ['2']))['2'] ?? '';
  });

  it.each([
    ['no token', {}, 401, 'UNAUTHORIZED'],
    ['an unknown token', { authorization: 'Bearer this-token-was-never-issued' }, 401, 'UNAUTHORIZED'],
    ['the staff token on an officer route', { authorization: `Bearer ${E2E_STAFF_TOKEN}` }, 403, 'FORBIDDEN'],
  ])('given %s, when a count is sent, then the answer is %i %s', async (_, headers, status, code) => {
    // Act
    const response = await raw(results, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    // Assess
    expect(response.status).toBe(status);
    expect(await errorOf(response)).toMatchObject({ code });
  });

  it('given an officer of section 2, when it writes section 1, then it is forbidden', async () => {
    const response = await raw(`/v1/elections/${election.id}/sections/1/results`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"voters": ', 400, 'INVALID_JSON'],
    [
      'a body over 64 KiB',
      'application/json',
      JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a form instead of JSON',
      'application/x-www-form-urlencoded',
      'voters=1',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['a fractional count', 'application/json', JSON.stringify({ voters: 1.5 }), 400, 'VALIDATION_FAILED'],
  ])('given %s, when it is sent, then the answer is %i %s', async (_, contentType, body, status, code) => {
    // Act
    const response = await raw(results, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
    // Assess
    expect(response.status).toBe(status);
    expect(await errorOf(response)).toMatchObject({ code });
  });

  it('given a malformed escape in a path id, when it is requested, then the answer is 400 and the API stays up', async () => {
    // The gateway refuses it before any function runs (API Gateway does the same); see test/unit/http-api.test.ts.
    const response = await raw(`/v1/elections/${election.id}/sections/%E0/results`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    // Up: a function-backed route still answers. (Not /v1/health's readiness, which also needs
    // every stream consumer to have answered its latest probe within 15 s: a matter of load.)
    expect((await send('GET', `/v1/elections/${election.id}/sections/2`, token)).status).toBe(200);
  });

  it('given version 1 is stored, when a correction says If-Match "0", then it is refused with 412 and the stored count stays', async () => {
    // Prepare
    const [, second] = generateNight(election);
    const stored = await send('GET', `/v1/elections/${election.id}/sections/2`, token);
    // Act
    const response = await raw(results, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '"0"' },
      body: JSON.stringify({ ...second?.results, blankBallots: 0 }),
    });
    // Assess
    expect(response.status).toBe(412);
    expect(await errorOf(response)).toMatchObject({ code: 'VERSION_MISMATCH' });
    expect((await send('GET', `/v1/elections/${election.id}/sections/2`, token)).body).toEqual(stored.body);
  });

  it('given the published pointer, when it is read, then it names its election, sequence and whether it is a rehearsal', async () => {
    const pointer = await (await fetch(`${stack.siteUrl}results/${election.id}/latest.json`)).json();
    expect(pointer).toMatchObject({
      electionId: election.id,
      rehearsal: false,
      summary: expect.stringMatching(/^\/results\//),
    });
    expect(typeof pointer.seq).toBe('number');
  });
});

describe('review and certification, as the public sees them', () => {
  const sectionId = '5';
  let token = '';
  const path = `/v1/elections/${election.id}/sections/${sectionId}`;
  const staff = (action: string, body?: unknown) =>
    send('POST', `/v1/admin/elections/${election.id}/${action}`, stack.adminToken, body);
  const reported = (s: Record<string, unknown>) => (s.sections as { reported: number }).reported;
  const voters = (s: Record<string, unknown>) => (s.totals as { voters: number }).voters;

  beforeAll(async () => {
    token = (await issueOfficerCodes(stack, election.id, [sectionId]))[sectionId] ?? '';
  });

  it('given a count that does not square, when it is sent, it stays out of the published totals; after approval it counts; a correction replaces it; the history shows every version', async () => {
    // Prepare
    const original = generateNight(election)[Number(sectionId) - 1];
    if (!original) throw new Error('the demo election has no section 5');
    const before = await publishedSummary();
    const flaggedBody = { ...original.results, voters: original.results.voters + 5 };

    // Act: the officer sends a count that does not square
    const flagged = await send('PUT', `${path}/results`, token, flaggedBody);
    // Assess: stored, flagged with R1, and out of the totals
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({ version: 2, status: 'flagged' });
    expect((flagged.body.checks as { code: string }[]).map((c) => c.code)).toContain('R1');
    const withoutIt = await waitForSummary((s) => reported(s) === reported(before) - 1);
    expect(voters(withoutIt)).toBe(voters(before) - original.results.voters);

    // Act: staff approve it with a reason
    const approved = await staff(`sections/${sectionId}/approve`, {
      reason: 'verbale checked by the electoral office',
    });
    // Assess: counted again, with its own voters
    expect(approved.body).toMatchObject({ version: 2, status: 'approved' });
    const withApproval = await waitForSummary((s) => reported(s) === reported(before));
    expect(voters(withApproval)).toBe(voters(before) + 5);

    // Act: the officer corrects it
    const corrected = await send('PUT', `${path}/results`, token, original.results);
    // Assess
    expect(corrected.body).toEqual({
      version: 3,
      status: 'accepted',
      checks: [],
      receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await waitForSummary((s) => voters(s) === voters(before) && reported(s) === reported(before));

    // Assess: the history shows every version and the review
    const history = await send('GET', `${path}/history`, token);
    const entries = history.body.entries as {
      entry: string;
      kind: string;
      version: number;
      status: string;
    }[];
    expect(entries.filter((e) => e.kind === 'turnout')).toHaveLength(election.turnoutSlots.length);
    expect(entries.filter((e) => e.kind === 'results').map((e) => [e.entry, e.version, e.status])).toEqual([
      ['version', 1, 'accepted'],
      ['version', 2, 'flagged'],
      ['review', 2, 'approved'],
      ['version', 3, 'accepted'],
    ]);
  }, 90_000);

  it('given the night, when staff export it, then the CSV re-imported and summed equals the published totals, and the NIST CDF validates', async () => {
    // Prepare
    const download = async (format: string) => {
      const response = await fetch(
        `${stack.apiUrl}/v1/admin/elections/${election.id}/export?format=${format}`,
        {
          headers: { authorization: `Bearer ${stack.adminToken}` },
        },
      );
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        text: await response.text(),
      };
    };

    // Act
    const [csv, json, cdf, unknown] = await Promise.all(['csv', 'json', 'cdf', 'xml'].map(download));
    const [header = [], ...rows] = parseCsv(csv?.text ?? '');
    const records = rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
    const counted = records.filter((r) => r.results_status === 'accepted' || r.results_status === 'approved');
    const sum = (column: string) => counted.reduce((total, r) => total + Number(r[column] || 0), 0);

    // Assess
    expect(csv?.type).toBe('text/csv; charset=utf-8; header=present');
    expect(records).toHaveLength(election.sections.length);
    const summary = await waitForSummary(
      (s) => (s.sections as { reported: number }).reported === counted.length,
    );
    expect((summary.candidates as { id: string; votes: number }[]).map((c) => [c.id, c.votes])).toEqual(
      election.candidates.map((c) => [c.id, sum(`candidate:${c.id}`)]),
    );
    expect((summary.lists as { id: string; votes: number }[]).map((l) => [l.id, l.votes])).toEqual(
      election.lists.map((l) => [l.id, sum(`list:${l.id}`)]),
    );
    expect(summary.totals).toMatchObject({
      voters: sum('voters'),
      blankBallots: sum('blank_ballots'),
      validVotes: sum('valid_votes'),
    });
    expect(JSON.parse(json?.text ?? '{}').sections).toHaveLength(election.sections.length);
    const report = JSON.parse(cdf?.text ?? '{}');
    expect(cdfValidator()(report)).toEqual([]);
    // The CDF's municipality-wide counts are the published ones too.
    const mayor = report.Election[0].Contest.find((c: { '@id': string }) => c['@id'] === 'contest-mayor');
    expect(
      mayor.ContestSelection.map(
        (s: { VoteCounts: { GpUnitId: string; Count: number }[] }) =>
          s.VoteCounts.find((v) => v.GpUnitId === 'gpu-municipality')?.Count,
      ),
    ).toEqual((summary.candidates as { votes: number }[]).map((c) => c.votes));
    expect(unknown?.status).toBe(400);
    expect(JSON.parse(unknown?.text ?? '{}').error.code).toBe('VALIDATION_FAILED');
  }, 60_000);

  it('given staff certify the election, then every write answers 409 ELECTION_CERTIFIED and the summary says certified', async () => {
    // Act
    const certified = await staff('certify');
    // Assess
    expect(certified.status).toBe(200);
    const write = await send('PUT', `${path}/turnout/T1`, token, { voters: 1 });
    expect(write.status).toBe(409);
    expect((write.body.error as { code: string }).code).toBe('ELECTION_CERTIFIED');
    const summary = await waitForSummary((s) => s.status === 'certified');
    expect(summary.status).toBe('certified');
    const page = await (await fetch(stack.siteUrl)).text();
    expect(page).toContain('Risultati ufficiali proclamati');
  }, 60_000);

  it('given the certified night, then the audit trail holds every write with who did it, its head is published, and verify-audit passes', async () => {
    // Act
    const verified = await runOperatorCli(stack, 'verify-audit', [election.id, '--wait', '30']);
    const audit = await send('GET', `/v1/admin/elections/${election.id}/audit?limit=1000`, stack.adminToken);
    const asOfficer = await send('GET', `/v1/admin/elections/${election.id}/audit`, token);
    // Assess
    expect(verified.output).toContain('the audit trail is intact and the results follow from it');
    expect(verified.status).toBe(0);
    expect(audit.status).toBe(200);
    expect(asOfficer.status).toBe(403);
    const head = audit.body.head as { seq: number; hash: string };
    const entries = audit.body.entries as { seq: number; event: Record<string, unknown> }[];
    const ofSection = entries.map((e) => e.event).filter((e) => e.sectionId === sectionId);
    expect(ofSection.map((e) => e.action)).toEqual(
      expect.arrayContaining(['issue-credential', 'submit', 'correct', 'approve']),
    );
    const approval = ofSection.find((e) => e.action === 'approve');
    expect(approval?.actor).toMatchObject({ role: 'staff' });
    expect(approval?.what).toMatchObject({ reason: 'verbale checked by the electoral office', version: 2 });
    expect(ofSection.find((e) => e.action === 'correct')?.actor).toMatchObject({
      role: 'officer',
      sectionId,
    });
    expect(entries.at(-1)?.event.action).toBe('certify');
    expect(entries.at(-1)?.seq).toBe(head.seq);
    const summary = await waitForSummary((s) => (s.audit as { seq: number } | null)?.seq === head.seq);
    expect(summary.audit).toEqual(head);
  }, 90_000);
});
