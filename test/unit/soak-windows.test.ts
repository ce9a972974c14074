import { describe, expect, it } from 'vitest';
import { SoakWindows, soakVerdicts } from '../../infra/cli/soak/windows.js';

describe("the soak's windows", () => {
  it('given answers over two windows, then each window has its own rate, percentiles, errors and memory', () => {
    // Prepare
    const windows = new SoakWindows(0, 60_000);
    for (let i = 0; i < 120; i++) windows.answer(i * 500, i === 3 ? 503 : 200, i < 120 ? i % 10 : 0);
    windows.answer(61_000, 0, 30_000);
    windows.sampleMemory(59_000, { java: 500 });
    windows.sampleMemory(119_000, { java: 560 });
    // Act
    const [first, second] = windows.figures(120_000);
    // Assess
    expect(first).toMatchObject({ fromMinute: 0, toMinute: 1, requests: 120, perSecond: 2, errors: 1 });
    expect(first?.memoryMiB).toEqual({ java: 500 });
    expect(second).toMatchObject({ requests: 1, errors: 1, p50Ms: 30_000 });
  });

  it('given a run whose pace fell by a third and whose memory doubled, then the verdicts say so', () => {
    const windows = new SoakWindows(0, 1000);
    for (let i = 0; i < 30; i++) windows.answer(100 + i, 200, 5);
    for (let i = 0; i < 30; i++) windows.answer(1100 + i, 200, 5);
    for (let i = 0; i < 20; i++) windows.answer(2100 + i, 200, 5);
    windows.sampleMemory(1500, { api: 100 });
    windows.sampleMemory(2500, { api: 200 });
    const verdicts = soakVerdicts(windows.figures(3000));
    expect(verdicts[0]).toContain('NOT within 20%');
    expect(verdicts[1]).toContain('NOT within 25%');
    expect(verdicts.at(-1)).toBe('errors: 0');
  });

  it('given a last window of a few seconds, then the verdicts compare the full window before it', () => {
    const windows = new SoakWindows(0, 1000);
    for (let i = 0; i < 30; i++) windows.answer(100 + i, 200, 5);
    for (let i = 0; i < 30; i++) windows.answer(1100 + i, 200, 5);
    windows.answer(2010, 200, 5);
    const verdicts = soakVerdicts(windows.figures(2050));
    expect(verdicts[0]).toBe('requests/s: last window 30.0, first 30.0: within 20%');
  });
});
