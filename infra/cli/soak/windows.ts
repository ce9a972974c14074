/**
 * The soak's figures per window of time: every answer filed under the window it came back in,
 * then per window its rate, latency percentiles, errors and the memory sampled at its end. Pure,
 * so the arithmetic is tested on its own (test/unit/soak-windows.test.ts).
 */
import { percentile } from '../bench/measure.js';

export interface WindowFigures {
  /** Minutes from the start: the window's own span. */
  fromMinute: number;
  toMinute: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, and requests with no answer (timeouts, dropped connections). */
  errors: number;
  /** Resident memory sampled at the window's end, MiB, by process. */
  memoryMiB: Record<string, number>;
}

export class SoakWindows {
  private readonly latencies: number[][] = [];
  private readonly errors: number[] = [];
  private readonly memory: Record<string, number>[] = [];

  constructor(
    private readonly startedAt: number,
    private readonly windowMs: number,
  ) {}

  private indexOf(at: number): number {
    return Math.max(0, Math.floor((at - this.startedAt) / this.windowMs));
  }

  /** One answer (`status` 0: none came) at `at`, after `ms`. */
  answer(at: number, status: number, ms: number): void {
    const index = this.indexOf(at);
    for (let i = this.latencies.length; i <= index; i++) {
      this.latencies.push([]);
      this.errors.push(0);
    }
    (this.latencies[index] as number[]).push(ms);
    if (status < 200 || status >= 300) this.errors[index] = (this.errors[index] ?? 0) + 1;
  }

  /** The memory of the window `at` falls in (the last sample of a window stands for it). */
  sampleMemory(at: number, memoryMiB: Record<string, number>): void {
    this.memory[this.indexOf(at)] = memoryMiB;
  }

  /** Every window up to `endedAt`, the last cut short where the run ended. */
  figures(endedAt: number): WindowFigures[] {
    const count = Math.max(this.latencies.length, this.indexOf(endedAt - 1) + 1);
    return Array.from({ length: count }, (_, index) => {
      const from = this.startedAt + index * this.windowMs;
      const to = Math.min(from + this.windowMs, endedAt);
      const sorted = [...(this.latencies[index] ?? [])].sort((a, b) => a - b);
      return {
        fromMinute: (from - this.startedAt) / 60_000,
        toMinute: (to - this.startedAt) / 60_000,
        requests: sorted.length,
        perSecond: to > from ? sorted.length / ((to - from) / 1000) : 0,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        errors: this.errors[index] ?? 0,
        memoryMiB: this.memory[index] ?? {},
      };
    });
  }
}

/** What the issue asks of a soak: the pace kept and the memory flat, from the first windows to the last. */
export function soakVerdicts(windows: WindowFigures[]): string[] {
  // A last window cut to less than half of one (the run ending a little past its minutes) is too
  // short to stand for the end of the run: the window before it does.
  const span = (w: WindowFigures) => w.toMinute - w.fromMinute;
  const longest = Math.max(0, ...windows.map(span));
  const full = windows.filter((w) => w.requests > 0 && span(w) >= longest / 2);
  const first = full[0];
  const second = full[1] ?? first;
  const last = full.at(-1);
  if (!first || !second || !last) return ['no window had an answer'];
  const within = (value: number, reference: number, share: number) =>
    Math.abs(value - reference) <= share * reference;
  const lines = [
    `requests/s: last window ${last.perSecond.toFixed(1)}, first ${first.perSecond.toFixed(1)}: ${within(last.perSecond, first.perSecond, 0.2) ? 'within' : 'NOT within'} 20%`,
  ];
  for (const process of Object.keys(last.memoryMiB)) {
    const [now, then] = [last.memoryMiB[process] ?? 0, second.memoryMiB[process] ?? 0];
    lines.push(
      `memory of ${process}: last window ${now} MiB, second ${then} MiB: ${within(now, then, 0.25) ? 'within' : 'NOT within'} 25%`,
    );
  }
  const errors = windows.reduce((sum, w) => sum + w.errors, 0);
  lines.push(`errors: ${errors}`);
  return lines;
}
