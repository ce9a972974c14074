/**
 * The results page's live updates: poll the small `latest.json` pointer, fetch a summary only
 * when its sequence number grows, pause while the tab is hidden, and back off on errors so a
 * struggling CDN or a phone in a tunnel is not hammered. Pure: time, network and page are ports.
 */
import type { Summary } from '../../shared/domain/summary.js';

export interface Pointer {
  electionId: string;
  seq: number;
  summary: string;
}

export interface PollerPorts {
  getPointer(): Promise<Pointer>;
  getSummary(path: string): Promise<Summary>;
  /** A newer summary to show. */
  show(summary: Summary): void;
  /** A poll failed (the next is in `retryInMs`), or polls work again after failures. */
  report(event: { kind: 'failed'; retryInMs: number } | { kind: 'recovered' }): void;
  /** Runs `run` after `ms`; answers a function that cancels it. */
  schedule(run: () => void, ms: number): () => void;
  isHidden(): boolean;
  /** A number in [0, 1), for jitter. */
  random(): number;
}

export interface PollerOptions {
  /** The pause between polls when all is well. */
  intervalMs: number;
  /** The longest pause after repeated failures. */
  maxDelayMs: number;
}

/**
 * Thirty seconds: the results change every few seconds, but every poll by every reader is a
 * CDN request, and a million readers polling every 30 s is already 33,000 requests a second.
 */
export const DEFAULT_POLLING: PollerOptions = { intervalMs: 30_000, maxDelayMs: 5 * 60_000 };

/** The pause after `failures` failures in a row: doubling, capped, spread by ±20% so readers do not retry in step. */
export function retryDelay(failures: number, options: PollerOptions, random: number): number {
  const base = Math.min(options.maxDelayMs, options.intervalMs * 2 ** failures);
  return Math.round(base * (0.8 + 0.4 * random));
}

export function startPolling(ports: PollerPorts, shownSeq: number, options: PollerOptions = DEFAULT_POLLING) {
  let seq = shownSeq;
  let failures = 0;
  let cancel: (() => void) | undefined;
  let inFlight = false;
  let stopped = false;

  const next = (ms: number) => {
    if (!stopped) cancel = ports.schedule(poll, ms);
  };

  async function poll() {
    cancel = undefined;
    // Hidden tabs do not poll; becoming visible polls at once.
    if (stopped || ports.isHidden()) return;
    inFlight = true;
    try {
      const pointer = await ports.getPointer();
      // A CDN edge may still serve an older pointer: never go backwards.
      if (pointer.seq > seq) {
        const summary = await ports.getSummary(pointer.summary);
        if (summary.seq > seq) {
          ports.show(summary);
          seq = summary.seq;
        }
      }
      if (failures > 0) ports.report({ kind: 'recovered' });
      failures = 0;
      next(options.intervalMs);
    } catch {
      failures++;
      const delay = retryDelay(failures, options, ports.random());
      ports.report({ kind: 'failed', retryInMs: delay });
      next(delay);
    } finally {
      inFlight = false;
    }
  }

  next(options.intervalMs);
  return {
    /** Call on `visibilitychange`: hiding pauses; showing polls at once (or, after failures, after the back-off). */
    visibilityChanged() {
      if (ports.isHidden()) {
        cancel?.();
        cancel = undefined;
      } else if (!cancel && !inFlight) {
        // Back after failures: keep backing off rather than retrying at every tab switch.
        if (failures > 0) next(retryDelay(failures, options, ports.random()));
        else void poll();
      }
    },
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
