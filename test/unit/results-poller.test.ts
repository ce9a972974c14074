import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/domain/summary.js';
import { type Pointer, type PollerPorts, retryDelay, startPolling } from '../../site/results-page/poller.js';

const OPTIONS = { intervalMs: 30_000, maxDelayMs: 300_000 };

/** A page with a hand-driven clock: timers run when the test says, and the network answers from a script. */
function fakePage(pointers: (Pointer | Error)[]) {
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const shown: number[] = [];
  const reports: string[] = [];
  const summaryFetches: string[] = [];
  let hidden = false;
  let pointerFetches = 0;
  const ports: PollerPorts = {
    async getPointer() {
      const next = pointers[Math.min(pointerFetches++, pointers.length - 1)];
      if (!next || next instanceof Error) throw next ?? new Error('offline');
      return next;
    },
    async getSummary(path) {
      summaryFetches.push(path);
      return { seq: Number(/(\d+)\.json$/.exec(path)?.[1]) } as Summary;
    },
    show: (summary) => shown.push(summary.seq),
    report: (event) => reports.push(event.kind === 'failed' ? `failed ${event.retryInMs}` : 'recovered'),
    schedule(run, ms) {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    isHidden: () => hidden,
    random: () => 0.5,
  };
  /** Fires the pending timer and lets the poll finish. */
  const tick = async () => {
    const timer = timers.filter((t) => !t.cancelled).at(-1);
    if (!timer) throw new Error('no timer pending');
    timer.cancelled = true;
    timer.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const pending = () => timers.filter((t) => !t.cancelled).map((t) => t.ms);
  return {
    ports,
    tick,
    pending,
    shown,
    reports,
    summaryFetches,
    setHidden: (value: boolean) => {
      hidden = value;
    },
    fetches: () => pointerFetches,
  };
}

const pointer = (seq: number): Pointer => ({
  electionId: 'e',
  seq,
  summary: `/results/e/snapshots/${seq}.json`,
});

describe('the results page poller', () => {
  it('given the page shows seq 3, when the pointer says 3, 5, then 4, then only 5 is fetched and shown, never going back', async () => {
    // Prepare
    const page = fakePage([pointer(3), pointer(5), pointer(4)]);
    startPolling(page.ports, 3, OPTIONS);

    // Act
    await page.tick();
    await page.tick();
    await page.tick();

    // Assess
    expect(page.summaryFetches).toEqual(['/results/e/snapshots/5.json']);
    expect(page.shown).toEqual([5]);
    expect(page.pending()).toEqual([30_000]);
  });

  it('given failures in a row, when polling, then the pauses double up to the cap and a success says so and resets them', async () => {
    // Prepare
    const offline = new Error('offline');
    const page = fakePage([offline, offline, offline, offline, offline, pointer(9), pointer(9)]);
    startPolling(page.ports, 1, OPTIONS);

    // Act
    for (let i = 0; i < 6; i++) await page.tick();

    // Assess
    expect(page.reports).toEqual([
      'failed 60000',
      'failed 120000',
      'failed 240000',
      'failed 300000',
      'failed 300000',
      'recovered',
    ]);
    expect(page.shown).toEqual([9]);
    expect(page.pending()).toEqual([30_000]);
  });

  it('given a hidden tab, when its timer fires, then it does not poll and schedules nothing', async () => {
    // Prepare
    const page = fakePage([pointer(2)]);
    startPolling(page.ports, 1, OPTIONS);
    page.setHidden(true);

    // Act
    await page.tick();

    // Assess
    expect(page.fetches()).toBe(0);
    expect(page.pending()).toEqual([]);
  });

  it('given a tab hidden and shown again, when it is shown, then it polls at once', async () => {
    // Prepare
    const page = fakePage([pointer(2)]);
    const poller = startPolling(page.ports, 1, OPTIONS);
    page.setHidden(true);
    poller.visibilityChanged();
    const whileHidden = page.pending();

    // Act
    page.setHidden(false);
    poller.visibilityChanged();
    await new Promise((resolve) => setTimeout(resolve, 0));

    // Assess
    expect(whileHidden).toEqual([]);
    expect(page.fetches()).toBe(1);
    expect(page.shown).toEqual([2]);
  });

  it('given polls failing, when the tab is hidden and shown again, then it keeps backing off instead of retrying at once', async () => {
    // Prepare
    const offline = new Error('offline');
    const page = fakePage([offline, offline, pointer(2)]);
    const poller = startPolling(page.ports, 1, OPTIONS);
    await page.tick();
    await page.tick();
    page.setHidden(true);
    poller.visibilityChanged();

    // Act
    page.setHidden(false);
    poller.visibilityChanged();

    // Assess
    expect(page.fetches()).toBe(2);
    expect(page.pending()).toEqual([120_000]);
  });

  it('given a summary that cannot be shown, when the next poll comes, then it is fetched and shown again', async () => {
    // Prepare
    const page = fakePage([pointer(2), pointer(2)]);
    let failures = 1;
    const show = page.ports.show;
    page.ports.show = (summary) => {
      if (failures-- > 0) throw new Error('render failed');
      show(summary);
    };
    startPolling(page.ports, 1, OPTIONS);

    // Act
    await page.tick();
    await page.tick();

    // Assess
    expect(page.shown).toEqual([2]);
    expect(page.summaryFetches).toEqual(['/results/e/snapshots/2.json', '/results/e/snapshots/2.json']);
  });

  it('given a stopped poller, when its last timer would fire, then nothing more is scheduled', () => {
    // Prepare
    const page = fakePage([pointer(2)]);
    const poller = startPolling(page.ports, 1, OPTIONS);

    // Act
    poller.stop();

    // Assess
    expect(page.pending()).toEqual([]);
  });

  it('given any number of failures, when the retry pause is computed, then it stays within ±20% of the capped doubling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, r) => {
          const base = Math.min(OPTIONS.maxDelayMs, OPTIONS.intervalMs * 2 ** failures);
          const delay = retryDelay(failures, OPTIONS, r);
          return delay >= Math.floor(base * 0.8) && delay <= Math.ceil(base * 1.2);
        },
      ),
    );
  });
});
