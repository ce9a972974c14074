import { readTotal } from '../db/aggregates.js';
import { listSections } from '../db/elections.js';
import { readCurrentSubmissions, submissionKey } from '../db/submissions.js';
import { outlookSourcesOf } from '../domain/aggregation.js';
import { countsShownAt } from '../domain/counts-from.js';
import type { Section } from '../domain/election.js';
import { publicPaths } from '../domain/public-files.js';
import { isCounted } from '../domain/status.js';
import { buildSummary, type Summary } from '../domain/summary.js';
import {
  addTallies,
  diffTallies,
  sumTallies,
  type Tally,
  tallyOfResults,
  tallyOfTurnout,
} from '../domain/tally.js';
import { inPool } from '../in-pool.js';
import type { PublicBucket } from '../storage/bucket.js';
import { changeOfImage } from './aggregate-changes.js';
import { loadElection } from './election-context.js';

export interface Difference {
  where: string;
  counter: string;
  expected: number;
  actual: number;
}

export interface ReconcileReport {
  electionId: string;
  sections: number;
  publishedSeq: number | null;
  differences: Difference[];
}

/** The published numbers of a summary, as counters, so two summaries compare key by key. */
export function summaryCounters(summary: Summary): Tally {
  const counters: Tally = {
    'sections.total': summary.sections.total,
    'sections.reported': summary.sections.reported,
  };
  for (const [key, value] of Object.entries(summary.totals)) counters[`totals.${key}`] = value;
  for (const c of summary.candidates) counters[`candidate.${c.id}`] = c.votes;
  for (const l of summary.lists) counters[`list.${l.id}`] = l.votes;
  for (const a of summary.answers)
    Object.assign(counters, { [`yes.${a.questionId}`]: a.yes, [`no.${a.questionId}`]: a.no });
  for (const t of summary.turnout) {
    Object.assign(counters, {
      [`turnout.${t.slotId}.sections`]: t.sectionsReported,
      [`turnout.${t.slotId}.voters`]: t.voters,
      [`turnout.${t.slotId}.registered`]: t.registeredVoters,
    });
  }
  return counters;
}

/**
 * Recomputes an election's totals from the stored section data alone, and compares them with
 * the aggregates (the sum of the total's parts) and with the published summary.
 */
/** Sections whose items one batch read brings (with the results, a reading per slot). */
const SECTIONS_PER_READ = 20;

export async function reconcileElection(
  bucket: PublicBucket,
  electionId: string,
  concurrency = 16,
  now: Date = new Date(),
): Promise<ReconcileReport> {
  const { head } = await loadElection(electionId);
  const sections = await listSections(electionId);
  const perSection: Tally[] = [];
  const slotIds = head.turnoutSlots.map((slot) => slot.id);
  const rounds: Section[][] = [];
  for (let start = 0; start < sections.length; start += SECTIONS_PER_READ)
    rounds.push(sections.slice(start, start + SECTIONS_PER_READ));
  await inPool(rounds, concurrency, async (round) => {
    const stored = await readCurrentSubmissions(
      electionId,
      round.map((section) => section.id),
      slotIds,
    );
    for (const section of round) {
      const items = stored.get(section.id) ?? [];
      const tally = sumTallies(
        items
          .filter((s) => isCounted(s.status))
          .map((s) =>
            s.kind === 'results'
              ? tallyOfResults(s.body as never, section.registeredVoters)
              : tallyOfTurnout(s.slotId ?? '', s.body as never, section.registeredVoters),
          ),
      );
      // The section's outlook source, from its stored items as the stream makes it.
      const outlook = outlookSourcesOf(items.map((s) => changeOfImage(submissionKey(s), s)));
      perSection.push(addTallies(tally, sumTallies(outlook.map((o) => o.tally))));
    }
  });
  const expected = sumTallies(perSection);

  const differences: Difference[] = [];
  const record = (where: string, diffs: ReturnType<typeof diffTallies>) => {
    for (const d of diffs) differences.push({ where, ...d });
  };
  record('aggregate total', diffTallies(expected, (await readTotal(electionId)).tally));

  const pointerText = await bucket.get(publicPaths(electionId).pointer);
  let publishedSeq: number | null = null;
  if (!pointerText) {
    differences.push({ where: 'published summary', counter: 'latest.json', expected: 1, actual: 0 });
  } else {
    const pointer = JSON.parse(pointerText) as { seq: number; summary: string };
    publishedSeq = pointer.seq;
    const published = JSON.parse((await bucket.get(pointer.summary.replace(/^\//, ''))) ?? '{}') as Summary;
    const context = {
      seq: 0,
      generatedAt: '',
      certified: false,
      paths: { sections: '', definition: '', csv: '' },
    };
    // A summary published before the close of the polls shows no count: it is compared as such.
    const countsShown = published.countsPublished !== false;
    record(
      'published summary',
      diffTallies(
        summaryCounters(buildSummary(head, expected, { ...context, countsShown })),
        summaryCounters(published),
      ),
    );
    if (!countsShown && countsShownAt(head.countsFrom, now))
      differences.push({ where: 'published summary', counter: 'countsPublished', expected: 1, actual: 0 });
  }
  return { electionId, sections: sections.length, publishedSeq, differences };
}
