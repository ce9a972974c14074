import { type Submission, verdictOf } from './submissions.js';

export interface Delivery {
  /** Submissions with no stored answer when the outbox gave up. */
  notStored: Submission[];
  /** Submissions the API refused for good (a 4xx other than a write race or a rate limit). */
  refused: Submission[];
  /** Stored answers by status (accepted, flagged). */
  states: Record<string, number>;
  /** Identical re-sends of a count, and those answered with the count's own version. */
  resends: number;
  resendsSameVersion: number;
  /** Lines saying what broke "one version per item": a re-send stored anew, or a second version. */
  versionProblems: string[];
}

/**
 * What became of every submission. The night has no corrections, so every stored item must be
 * at version 1, and an identical re-send must answer with its count's version, never a new one.
 */
export function deliveryOf(sections: Submission[][]): Delivery {
  const delivery: Delivery = {
    notStored: [],
    refused: [],
    states: {},
    resends: 0,
    resendsSameVersion: 0,
    versionProblems: [],
  };
  for (const items of sections) {
    const results = items.find((s) => s.what === 'results');
    for (const submission of items) {
      const resend = submission.what === 'results re-sent';
      if (resend) delivery.resends++;
      const verdict = verdictOf(submission.answer);
      if (verdict !== 'stored') {
        (verdict === 'refused' ? delivery.refused : delivery.notStored).push(submission);
        continue;
      }
      const { state = 'unknown', version } = submission.answer ?? {};
      delivery.states[state] = (delivery.states[state] ?? 0) + 1;
      if (version !== 1)
        delivery.versionProblems.push(
          `section ${submission.sectionId} ${submission.what}: version ${version}`,
        );
      if (resend && version === results?.answer?.version) delivery.resendsSameVersion++;
    }
  }
  return delivery;
}

/** What the load alone left, before the outbox: answers by status, and Lambda failures by message. */
export interface FirstPass {
  /** A Lambda failure counts as the 5xx it stands for; `none`: no answer (timeout, dropped connection). */
  byStatus: Record<string, number>;
  lambdaFailures: Record<string, number>;
}

export function firstPassOf(sections: Submission[][]): FirstPass {
  const pass: FirstPass = { byStatus: {}, lambdaFailures: {} };
  const add = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const { answer } of sections.flat()) {
    add(pass.byStatus, String(answer?.status ?? 'none'));
    if (answer?.message) add(pass.lambdaFailures, answer.message);
  }
  return pass;
}
