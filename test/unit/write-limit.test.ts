import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admitWrite, WRITE_LIMIT, type WriteLimit } from '../../shared/domain/write-limit.js';

/** Admitted writes in the window that ends at `t`: (t - windowMs, t]. */
const inWindowAt = (admitted: readonly number[], t: number, limit: WriteLimit) =>
  admitted.filter((a) => a > t - limit.windowMs && a <= t).length;

/** A credential's attempts, as a night could bring them: mostly bursts, some pauses, in time order. */
const attempts = fc
  .array(
    fc.oneof(
      { weight: 100, arbitrary: fc.integer({ min: 0, max: 1_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 70_000 }) },
    ),
    { minLength: 1, maxLength: 300, size: 'max' },
  )
  .map((gaps) => {
    const times: number[] = [];
    for (const gap of gaps) times.push((times.at(-1) ?? 1_000_000) + gap);
    return times;
  });

describe('one credential’s write limit: 60 stored writes in any 60 seconds', () => {
  it('given any attempts, then no 60-second window ever holds more than 60 admitted, each refusal had 60 in its window, and Retry-After is the first whole second a place frees', () => {
    let refusals = 0;
    fc.assert(
      fc.property(attempts, (times) => {
        let stored: number[] = [];
        const admitted: number[] = [];
        for (const t of times) {
          const admission = admitWrite(stored, t);
          if (admission.admitted) {
            stored = admission.stored;
            admitted.push(t);
            expect(stored.length).toBeLessThanOrEqual(WRITE_LIMIT.versions);
            continue;
          }
          refusals++;
          // Refused only when the window ending now is full.
          expect(inWindowAt(admitted, t, WRITE_LIMIT)).toBe(WRITE_LIMIT.versions);
          // After Retry-After a place is free, and not a whole second before.
          const after = admission.retryAfterSeconds;
          expect(after).toBeGreaterThanOrEqual(1);
          expect(after).toBeLessThanOrEqual(60);
          expect(inWindowAt(admitted, t + after * 1000, WRITE_LIMIT)).toBeLessThan(WRITE_LIMIT.versions);
          if (after > 1)
            expect(inWindowAt(admitted, t + (after - 1) * 1000, WRITE_LIMIT)).toBe(WRITE_LIMIT.versions);
        }
        for (const a of admitted) expect(inWindowAt(admitted, a, WRITE_LIMIT)).toBeLessThanOrEqual(60);
      }),
      { numRuns: 300 },
    );
    // The attempts did reach the limit, often.
    expect(refusals).toBeGreaterThan(100);
  });

  it('given 60 writes in one second, then the 61st waits for the first to be a minute old: a sliding window, not the clock’s minute', () => {
    // Prepare: 60 writes from 12:00:59.000 to 12:00:59.590.
    const start = Date.UTC(2026, 4, 24, 21, 0, 59);
    let stored: number[] = [];
    for (let i = 0; i < 60; i++) {
      const admission = admitWrite(stored, start + i * 10);
      if (!admission.admitted) throw new Error(`write ${i + 1} refused`);
      stored = admission.stored;
    }

    // Act: at 12:01:00.100, a new minute of the clock.
    const early = admitWrite(stored, start + 1_100);
    const onTime = admitWrite(stored, start + 60_000);

    // Assess
    expect(early).toEqual({ admitted: false, retryAfterSeconds: 59 });
    expect(onTime.admitted).toBe(true);
    expect(onTime.admitted && onTime.stored).toHaveLength(60);
  });
});
