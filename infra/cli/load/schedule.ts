import type { Submission } from './submissions.js';

interface SectionQueue {
  items: Submission[];
  next: number;
}

/**
 * Hands out every section's submissions to whichever connection asks next, so that all sections
 * submit at once: sections take turns (round-robin), and within a section the officer's order
 * holds, since a section's next submission waits until its previous one has been answered or
 * given up on (no answer within `giveUpMs`, after which the connection has dropped it). Only
 * when every section left is waiting (the last few requests of the run) does one go out ahead
 * of its predecessor; each submission is a separate item, so the order changes only the checks
 * seen on the way, never what is stored.
 */
export class Schedule {
  readonly total: number;
  readonly #giveUpMs: number;
  #active: SectionQueue[];
  #cursor = 0;
  #outOfOrder = 0;

  constructor(sections: Submission[][], giveUpMs: number) {
    this.#giveUpMs = giveUpMs;
    this.#active = sections.filter((items) => items.length > 0).map((items) => ({ items, next: 0 }));
    this.total = sections.reduce((sum, items) => sum + items.length, 0);
  }

  /** Submissions handed out before their section's previous one was settled. */
  get outOfOrder(): number {
    return this.#outOfOrder;
  }

  /** The next submission to send; there is one for each of the `total` requests. */
  take(now = Date.now()): Submission {
    const count = this.#active.length;
    if (count === 0) throw new Error('every submission has been handed out');
    let index = -1;
    for (let k = 0; k < count && index < 0; k++) {
      const candidate = (this.#cursor + k) % count;
      if (this.#settled(this.#active[candidate] as SectionQueue, now)) index = candidate;
    }
    if (index < 0) {
      index = this.#cursor % count;
      this.#outOfOrder++;
    }
    const queue = this.#active[index] as SectionQueue;
    const submission = queue.items[queue.next++] as Submission;
    if (queue.next === queue.items.length) {
      this.#active.splice(index, 1);
      this.#cursor = index;
    } else {
      this.#cursor = index + 1;
    }
    submission.sentAt = now;
    submission.attempts++;
    return submission;
  }

  /** Whether the section's previous submission (if any) has been answered or given up on. */
  #settled(queue: SectionQueue, now: number): boolean {
    const previous = queue.items[queue.next - 1];
    return !previous || previous.answer !== undefined || now - (previous.sentAt ?? 0) >= this.#giveUpMs;
  }
}
