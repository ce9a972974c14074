/**
 * The count as a form, in the order of the official tally sheet (voters, blank, invalid,
 * contested, mayoral candidates with their mayor-only votes, lists, preferences; a run-off's
 * two candidates; or the referendum's questions), and back: the form's fields read into the body the API takes.
 */
import type { ElectionHead } from '../../shared/domain/election.js';
import { escapeHtml } from '../../shared/pages/html.js';
import type { AppMessages } from './messages.js';

type Counts = Record<string, number>;
export type StoredCount = Partial<{
  voters: number;
  blankBallots: number;
  invalidBallots: number;
  contestedBallots: number;
  candidateVotes: Counts;
  candidateOnlyVotes: Counts;
  listVotes: Counts;
  preferenceVotes: Counts;
  answers: Record<string, { yes: number; no: number }>;
}>;

/** One whole-number field; its name is the body path, dotted. */
function field(name: string, label: string, value: number | undefined, options: { required?: boolean } = {}) {
  const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return `<div class="field"><label for="${id}">${escapeHtml(label)}</label><input id="${id}" name="${escapeHtml(name)}" inputmode="numeric" pattern="[0-9]*" autocomplete="off" enterkeyhint="next"${options.required ? ' required' : ''} value="${value === undefined ? '' : value}"></div>`;
}

const BALLOTS = ['voters', 'blankBallots', 'invalidBallots', 'contestedBallots'] as const;

export function renderTallyForm(head: ElectionHead, stored: StoredCount | null, t: AppMessages): string {
  const r = t.results;
  const ballotLabels = {
    voters: r.voters,
    blankBallots: r.blank,
    invalidBallots: r.invalid,
    contestedBallots: r.contested,
  };
  const ballots = `<fieldset><legend>${r.ballots}</legend>${BALLOTS.map((name) =>
    field(name, ballotLabels[name], stored?.[name], { required: true }),
  ).join('')}<p class="sum">${r.valid}: <output id="sum-valid">—</output></p></fieldset>`;

  if (head.kind === 'referendum') {
    const questions = head.questions
      .map(
        (q) =>
          `<fieldset><legend>${escapeHtml(q.text)}</legend>${field(`answers.${q.id}.yes`, r.yes, stored?.answers?.[q.id]?.yes)}${field(`answers.${q.id}.no`, r.no, stored?.answers?.[q.id]?.no)}</fieldset>`,
      )
      .join('');
    return `${ballots}<h3>${r.answers}</h3>${questions}`;
  }

  // A run-off's ballot has the two candidates only (TUEL art. 72 c. 5): no list, no mayor-only
  // vote, no preference. The server checks it by R1, R5 and W1, and so does the live check.
  if (head.kind === 'runoff') {
    const pair = head.candidates
      .map(
        (c) =>
          `<fieldset><legend>${escapeHtml(c.name)}</legend>${field(`candidateVotes.${c.id}`, r.candidateVotes, stored?.candidateVotes?.[c.id])}</fieldset>`,
      )
      .join('');
    return `${ballots}<h3>${r.candidates}</h3><p class="muted">${r.runoffNote}</p>${pair}<p class="sum">${r.sumOfCandidates}: <output id="sum-candidates">—</output></p>`;
  }

  const candidates = head.candidates
    .map(
      (c) =>
        `<fieldset><legend>${escapeHtml(c.name)}</legend>${field(`candidateVotes.${c.id}`, r.candidateVotes, stored?.candidateVotes?.[c.id])}${field(`candidateOnlyVotes.${c.id}`, r.candidateOnly, stored?.candidateOnlyVotes?.[c.id])}</fieldset>`,
    )
    .join('');
  const lists = head.lists
    .map((l) => {
      const preferences = (l.councilCandidates ?? []).length
        ? `<details><summary>${escapeHtml(r.preferences(l.name))}</summary>${(l.councilCandidates ?? [])
            .map((cc) => field(`preferenceVotes.${cc.id}`, cc.name, stored?.preferenceVotes?.[cc.id]))
            .join('')}</details>`
        : '';
      return `<div class="list">${field(`listVotes.${l.id}`, r.listVotes(l.name), stored?.listVotes?.[l.id])}${preferences}</div>`;
    })
    .join('');
  return `${ballots}<h3>${r.candidates}</h3>${candidates}<p class="sum">${r.sumOfCandidates}: <output id="sum-candidates">—</output></p><h3>${r.lists}</h3>${lists}`;
}

/** A field's value: a whole number, nothing (empty) or not a number. */
export function wholeNumber(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^[0-9]{1,9}$/.test(trimmed) ? Number(trimmed) : 'invalid';
}

/**
 * The body of the form's fields. Empty vote fields count as zero; empty ballot fields stay
 * missing, so validation says which one is needed. Answers the body and the fields that are
 * not whole numbers.
 */
export function readTally(fields: Iterable<[string, string]>): {
  body: Record<string, unknown>;
  invalid: string[];
} {
  const body: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [name, text] of fields) {
    const value = wholeNumber(text);
    if (value === 'invalid') {
      invalid.push(name);
      continue;
    }
    const path = name.split('.');
    const isBallot = path.length === 1;
    if (value === undefined && (isBallot || path[0] === 'preferenceVotes')) continue;
    let node = body;
    for (const key of path.slice(0, -1)) {
      node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
      node = node[key] as Record<string, unknown>;
    }
    node[path.at(-1) ?? ''] = value ?? 0;
  }
  return { body, invalid };
}
