/**
 * The officer's outbox: every submission is first saved on the device, then sent, and kept
 * until the server has answered for it. Sending is safe to repeat: a re-sent body that the
 * server already stored answers with the same version (docs/interface.md, Submissions), and `If-Match`
 * carries the version the officer corrected, so a newer one from another device is never
 * overwritten. Pure: storage, network and time are ports.
 */

export type OutboxTarget = { kind: 'results' } | { kind: 'turnout'; slotId: string };

import type { FailedCheck } from '../../shared/domain/checks.js';
import type { SubmissionStatus } from '../../shared/domain/status.js';

/** The server's answer to a submission (docs/interface.md, Submissions). */
export interface SubmissionOutcome {
  version: number;
  status: SubmissionStatus;
  checks: FailedCheck[];
  /** The leaf hash of this version's entry in the public log (absent in answers of older servers). */
  receipt?: string;
}

export type OutboxState =
  /** Saved on the device, not yet answered by the server. */
  | { name: 'saved'; attempts: number }
  /** The server stored it (accepted or flagged), with its version. */
  | { name: 'answered'; outcome: SubmissionOutcome }
  /** Another device stored a newer version first: nothing was overwritten. */
  | { name: 'stale'; currentVersion: number | null }
  /** The server refused it for good (revoked token, certified election, invalid body). */
  | { name: 'refused'; status: number; code: string; message: string };

export interface OutboxItem {
  id: string;
  electionId: string;
  sectionId: string;
  target: OutboxTarget;
  body: unknown;
  /** The version this submission replaces (0 for the first). */
  basedOn: number;
  savedAt: string;
  state: OutboxState;
}

/** What the network answered: a status and its JSON, or nothing at all (offline, timeout). */
export type SendResult = { status: number; body: unknown } | { status: 'unreachable' };

export interface OutboxPorts {
  load(): OutboxItem[];
  save(items: OutboxItem[]): void;
  send(item: OutboxItem): Promise<SendResult>;
  newId(): string;
  now(): string;
}

export const sameTarget = (a: OutboxTarget, b: OutboxTarget) =>
  a.kind === b.kind && (a.kind === 'results' || (b.kind === 'turnout' && a.slotId === b.slotId));

const isWaiting = (item: OutboxItem) => item.state.name === 'saved';

function errorOf(body: unknown): { code: string; message: string; currentVersion: number | null } {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const details = JSON.stringify(error?.details ?? '');
  const current = /current version: (\d+)/.exec(details)?.[1];
  return {
    code: typeof error?.code === 'string' ? error.code : 'UNKNOWN',
    message: typeof error?.message === 'string' ? error.message : '',
    currentVersion: current === undefined ? null : Number(current),
  };
}

/** What an answer means for an item: answered, stale, refused, or still to be sent. */
export function stateAfter(result: SendResult, attempts: number): OutboxState {
  // Unreachable, or a token revoked or replaced: kept, to be sent once the officer can be heard again.
  if (result.status === 'unreachable' || result.status === 401 || result.status === 403) {
    return { name: 'saved', attempts };
  }
  if (result.status === 200) return { name: 'answered', outcome: result.body as SubmissionOutcome };
  const error = errorOf(result.body);
  if (result.status === 412) return { name: 'stale', currentVersion: error.currentVersion };
  // Busy or failing servers, rate limits and conflicts of the moment: try again later.
  if (result.status === 429 || result.status >= 500 || error.code === 'CONCURRENT_WRITE') {
    return { name: 'saved', attempts };
  }
  return { name: 'refused', status: result.status, code: error.code, message: error.message };
}

/** Why a flush stopped with items still waiting. */
export type FlushResult = 'done' | 'unreachable' | 'unauthorized';

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox(ports: OutboxPorts) {
  let flushing: Promise<FlushResult> | undefined;
  let inFlight: string | undefined;

  const update = (change: (item: OutboxItem) => OutboxItem) => ports.save(ports.load().map(change));

  /**
   * The server stored `answered` as `version`: the device's later submissions for the same
   * target, made on the same stored version, now correct that one (and say so with If-Match).
   */
  const rebaseAfter = (answered: OutboxItem, version: number) =>
    update((item) =>
      isWaiting(item) &&
      item.id !== answered.id &&
      sameTarget(item.target, answered.target) &&
      item.electionId === answered.electionId &&
      item.sectionId === answered.sectionId &&
      item.basedOn === answered.basedOn
        ? { ...item, basedOn: version }
        : item,
    );

  /**
   * Sends what waits, oldest first, one at a time; stops at the first send that cannot be
   * heard (the rest would fail the same way).
   */
  async function flushOnce(): Promise<FlushResult> {
    for (const { id } of ports.load().filter(isWaiting)) {
      const item = ports.load().find((i) => i.id === id);
      if (!item || !isWaiting(item)) continue;
      const attempts = (item.state.name === 'saved' ? item.state.attempts : 0) + 1;
      inFlight = item.id;
      const result = await ports.send(item).catch((): SendResult => ({ status: 'unreachable' }));
      inFlight = undefined;
      const state = stateAfter(result, attempts);
      update((stored) => (stored.id === item.id ? { ...stored, state } : stored));
      if (state.name === 'answered') rebaseAfter(item, state.outcome.version);
      if (state.name === 'saved')
        return result.status === 401 || result.status === 403 ? 'unauthorized' : 'unreachable';
    }
    return 'done';
  }

  return {
    items: () => ports.load(),
    /**
     * Keeps a new submission on the device. A submission for the same target that has never
     * left the device is replaced: the officer's latest word is what gets sent, once. One that
     * has been tried may have reached the server, so it stays, and this one follows it.
     */
    add(entry: Pick<OutboxItem, 'electionId' | 'sectionId' | 'target' | 'body' | 'basedOn'>): OutboxItem {
      const item: OutboxItem = {
        ...entry,
        id: ports.newId(),
        savedAt: ports.now(),
        state: { name: 'saved', attempts: 0 },
      };
      const untried = (other: OutboxItem) =>
        other.state.name === 'saved' && other.state.attempts === 0 && other.id !== inFlight;
      const kept = ports
        .load()
        .filter(
          (other) =>
            !(
              untried(other) &&
              sameTarget(other.target, entry.target) &&
              other.electionId === entry.electionId &&
              other.sectionId === entry.sectionId
            ),
        );
      ports.save([...kept, item]);
      return item;
    },
    /** Sends what waits; concurrent calls share one run. */
    flush(): Promise<FlushResult> {
      flushing ??= flushOnce().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },
    waiting: () => ports.load().filter(isWaiting).length,
    /** The latest version the server answered for a target: what the next correction replaces. */
    latestAnswered(electionId: string, sectionId: string, target: OutboxTarget): number {
      return ports
        .load()
        .filter(
          (i) => i.electionId === electionId && i.sectionId === sectionId && sameTarget(i.target, target),
        )
        .reduce(
          (latest, i) => (i.state.name === 'answered' ? Math.max(latest, i.state.outcome.version) : latest),
          0,
        );
    },
    /** Forgets what the server has answered (the officer has seen it). */
    clearAnswered() {
      ports.save(ports.load().filter(isWaiting));
    },
  };
}
