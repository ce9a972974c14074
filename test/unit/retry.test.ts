import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGAIN, pauseCap, retrying } from '../../shared/retry.js';

describe('the one retry loop', () => {
  it('answers the first attempt that is not AGAIN, having paused only between attempts, each pause within its cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        async (attempts, failures, baseMs, maxMs, draw) => {
          const pauses: number[] = [];
          let calls = 0;
          const policy = {
            attempts,
            baseMs,
            maxMs,
            exhausted: () => new Error('gave up'),
            sleep: async (ms: number) => void pauses.push(ms),
            random: () => draw,
          };
          const outcome = retrying(policy, async (round) => {
            calls++;
            expect(round).toBe(calls);
            return round > failures ? 'done' : AGAIN;
          });
          if (failures < attempts) {
            await expect(outcome).resolves.toBe('done');
            expect(calls).toBe(failures + 1);
          } else {
            await expect(outcome).rejects.toThrow('gave up');
            expect(calls).toBe(attempts);
          }
          expect(pauses).toHaveLength(calls - 1);
          pauses.forEach((ms, i) => {
            expect(ms).toBeGreaterThanOrEqual(0);
            expect(ms).toBeLessThanOrEqual(Math.min(maxMs, pauseCap(policy, i + 1)));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lets an attempt’s own error through at once, without retrying it', async () => {
    let calls = 0;
    const failing = retrying(
      { attempts: 5, baseMs: 1, maxMs: 1, exhausted: () => new Error('x') },
      async () => {
        calls++;
        throw new Error('refused');
      },
    );
    await expect(failing).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });
});
