/**
 * The submission path's metrics, against DynamoDB Local: SubmissionsStored counts what a write
 * stores and CountsFlagged what it leaves flagged for review, by kind; a re-send or a refused
 * write counts nothing. The EMF lines are read as test/unit/metrics.test.ts reads them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { smallElection, squareResults, testActor } from '../helpers/elections.js';
import { startLocalTable } from '../helpers/local-table.js';
import { type NightUseCases, nightUseCases } from '../helpers/night-use-cases.js';

// Before the metrics module builds its buffers: Powertools writes through the global console.
vi.hoisted(() => {
  Object.assign(process.env, { POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'false' });
});

let table: Awaited<ReturnType<typeof startLocalTable>>;
let use: NightUseCases & typeof import('../../shared/metrics.js');
let stdout: MockInstance<typeof console.log>;

beforeAll(async () => {
  table = await startLocalTable();
  use = {
    ...(await nightUseCases()),
    ...(await import('../../shared/metrics.js')),
  };
  await use.defineElection('metrics', smallElection('metrics'), testActor);
});

afterAll(async () => {
  await table?.stop();
});

beforeEach(() => {
  stdout?.mockRestore();
  stdout = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

/** What the flushed lines count, as `Metric/kind: total`. */
function flushedCounts(): Record<string, number> {
  use.flushMetrics();
  const counts: Record<string, number> = {};
  for (const [text] of stdout.mock.calls) {
    const line = JSON.parse(String(text)) as Record<string, unknown> & {
      _aws?: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] };
    };
    for (const { Name } of line._aws?.CloudWatchMetrics[0]?.Metrics ?? []) {
      const key = `${Name}/${line.kind}`;
      counts[key] = (counts[key] ?? 0) + Number(line[Name]);
    }
  }
  return counts;
}

const write = (sectionId: string) => ({ actor: testActor, electionId: 'metrics', sectionId });

describe('the metrics of officers’ submissions', () => {
  it('given a count that passes every check, when stored, then it is one stored submission and nothing flagged', async () => {
    await use.submitResults({ ...write('1'), body: squareResults(1) });
    expect(flushedCounts()).toEqual({ 'SubmissionsStored/results': 1 });
  });

  it('given the same count re-sent, when answered, then nothing is counted: nothing was stored', async () => {
    await use.submitResults({ ...write('1'), body: squareResults(1) });
    expect(flushedCounts()).toEqual({});
  });

  it('given a correction on a stale version, when refused, then nothing is counted', async () => {
    const stale = use.submitResults({ ...write('1'), body: squareResults(2), ifMatch: 7 });
    await expect(stale).rejects.toMatchObject({ code: 'VERSION_MISMATCH' });
    expect(flushedCounts()).toEqual({});
  });

  it('given a final reading, then a count that disagrees with it (R5), then both are flagged: the count as it is stored, the reading as it is judged again', async () => {
    // Prepare
    await use.submitTurnout({ ...write('3'), slotId: 'T2', body: { voters: 999 } });
    expect(flushedCounts()).toEqual({ 'SubmissionsStored/turnout': 1 });
    stdout.mockClear();
    // Act
    const outcome = await use.submitResults({ ...write('3'), body: squareResults(3) });
    // Assess
    expect(outcome.status).toBe('flagged');
    expect(flushedCounts()).toEqual({
      'SubmissionsStored/results': 1,
      'CountsFlagged/results': 1,
      'CountsFlagged/turnout': 1,
    });
  });
});
