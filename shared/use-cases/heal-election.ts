/**
 * The periodic reconciliation (every minute while an election is open; README "Self-healing"):
 * it compares what the totals took in with the stored sections, and repairs what differs
 * through the same guarded writes as the stream, so nothing is ever counted twice.
 *
 * - A stored item the totals do not show as it is (a lost stream batch, a damaged applied
 *   record) is a suspect at the first look and is repaired at the next if it still differs, at
 *   the same rev: a change still on its way through the stream is applied by the stream meanwhile
 *   and is no difference at all. So a lost batch is healed within two runs.
 * - When one run sweeps every section, finds nothing pending, and no part of the total moved
 *   meanwhile, the parts' sum must equal the sections' sum: a difference (a damaged part) is
 *   corrected at once, only if no part moved since it was measured.
 * Each repair enters the change list as "repaired", is logged, and is kept for the staff page.
 * The run's state item, written every run, wakes the publisher through the stream (publish-records.ts).
 */
import { commitTotalsCorrection, readApplied, readTotal, TOTAL_PARTS, type Total } from '../db/aggregates.js';
import { listSections } from '../db/elections.js';
import { type HealState, REPAIRS_KEPT, readHealState, writeHealState } from '../db/heal-state.js';
import { readCurrentSubmissions, submissionKey } from '../db/submissions.js';
import {
  outlookSourcesOf,
  planRepair,
  type SourceChange,
  sourcesToRead,
  sourcesToRepair,
} from '../domain/aggregation.js';
import { type ChangeEntry, figuresOf } from '../domain/change-list.js';
import { addTallies, diffTallies, isEmptyTally, sumTallies, type Tally } from '../domain/tally.js';
import { logger } from '../logger.js';
import { changeOfImage, commitToSomePart, SOURCES_PER_TRANSACTION } from './aggregate-changes.js';
import { loadElection } from './election-context.js';

export interface HealReport {
  electionId: string;
  /** Sections looked at in this run. */
  swept: number;
  /** Whether this run's sweep reached the last section. */
  sweptAll: boolean;
  /** Items that differ and are looked at again next run. */
  suspects: number;
  /** Whether the parts' sum could be checked against the sections' sum. */
  totalsChecked: boolean;
  repaired: ChangeEntry[];
  /** The repaired sections, whose public files the publisher rewrites. */
  repairedSections: string[];
}

export interface HealOptions {
  /** How long a run may sweep before it saves its place for the next run (it sweeps one round at least). */
  budgetMs?: number;
  /** Sections per round (a round reads their items in a few batch reads). */
  sectionsPerRound?: number;
}

const SOURCES_PER_REPAIR = SOURCES_PER_TRANSACTION;

const suspectOf = (change: SourceChange) => `${change.sourceId}@${change.rev}`;

/** Repairs the sources that differed at the last look too; answers their change entries. */
async function repairSources(electionId: string, due: SourceChange[]): Promise<ChangeEntry[]> {
  const entries: ChangeEntry[] = [];
  for (let start = 0; start < due.length; start += SOURCES_PER_REPAIR) {
    const chunk = due.slice(start, start + SOURCES_PER_REPAIR);
    const committed = await commitToSomePart(
      electionId,
      sourcesToRead(chunk),
      // Planned on the applied records read inside the guarded attempt: what the stream applied
      // meanwhile is no longer a difference.
      (applied) => planRepair(sourcesToRepair(chunk, applied), applied),
    );
    entries.push(...(committed?.entries ?? []));
  }
  return entries;
}

/** Corrects the total when its parts' sum differs from the sections' sum, measured without motion. */
async function correctTotals(electionId: string, expected: Tally, seen: Total): Promise<ChangeEntry[]> {
  const correction: Tally = {};
  for (const d of diffTallies(expected, seen.tally)) correction[d.counter] = d.expected - d.actual;
  if (isEmptyTally(correction)) return [];
  const entry: ChangeEntry = {
    sectionId: null,
    item: 'totals',
    kind: 'repaired',
    version: null,
    reason: 'the totals differed from the stored sections',
    delta: figuresOf(correction),
  };
  const part = Math.floor(Math.random() * TOTAL_PARTS);
  return (await commitTotalsCorrection(electionId, seen, part, correction, [entry])) ? [entry] : [];
}

export async function healElection(electionId: string, options: HealOptions = {}): Promise<HealReport> {
  const budgetMs = options.budgetMs ?? 40_000;
  const startedAt = Date.now();
  const state = await readHealState(electionId);
  const { head } = await loadElection(electionId);
  const slotIds = head.turnoutSlots.map((slot) => slot.id);
  const sections = await listSections(electionId);
  const fromStart = state.cursor <= 0 || state.cursor >= sections.length || !state.sweep;
  // A sweep may take several runs: what it has summed so far, and whether anything moved, carry over.
  const sweep = fromStart
    ? { startRev: (await readTotal(electionId)).rev, expected: {} as Tally, clean: true }
    : (state.sweep as NonNullable<HealState['sweep']>);
  const suspects = new Set(state.suspects);
  const seen = new Set<string>();
  const nextSuspects: string[] = [];
  const repaired: ChangeEntry[] = [];
  const repairedSections = new Set<string>();
  let cursor = fromStart ? 0 : state.cursor;
  const firstCursor = cursor;
  const perRound = options.sectionsPerRound ?? 100;

  while (cursor < sections.length && (cursor === firstCursor || Date.now() - startedAt < budgetMs)) {
    const round = sections.slice(cursor, cursor + perRound);
    const stored = await readCurrentSubmissions(
      electionId,
      round.map((section) => section.id),
      slotIds,
    );
    const items = [...stored.values()].flat().map((item) => changeOfImage(submissionKey(item), item));
    // The sections' outlook sources count too, made from the stored items as the stream makes them.
    const outlooks = outlookSourcesOf(items);
    for (const c of [...items, ...outlooks]) seen.add(c.sourceId);
    sweep.expected = addTallies(sweep.expected, sumTallies([...items, ...outlooks].map((c) => c.tally)));
    const mismatched = sourcesToRepair(items, await readApplied(sourcesToRead(items)));
    const due = mismatched.filter((c) => suspects.has(suspectOf(c)));
    nextSuspects.push(...mismatched.filter((c) => !suspects.has(suspectOf(c))).map(suspectOf));
    if (mismatched.length > 0) sweep.clean = false;
    const entries = await repairSources(electionId, due);
    repaired.push(...entries);
    for (const c of due) if (c.label) repairedSections.add(c.label.sectionId);
    cursor += round.length;
  }
  // Suspects of sections this run did not reach wait for the sweep to come round to them.
  for (const suspect of suspects)
    if (!seen.has(suspect.slice(0, suspect.lastIndexOf('@')))) nextSuspects.push(suspect);

  const sweptAll = cursor >= sections.length;
  let totalsChecked = false;
  if (sweptAll && sweep.clean) {
    const after = await readTotal(electionId);
    // No part moved while the sweep ran: the sections' sum and the parts' sum are of one moment.
    if (after.rev === sweep.startRev) {
      totalsChecked = true;
      repaired.push(...(await correctTotals(electionId, sweep.expected, after)));
    }
  }

  const now = new Date().toISOString();
  const next: HealState = {
    suspects: nextSuspects.slice(0, 5_000),
    cursor: sweptAll ? 0 : cursor,
    ...(sweptAll ? {} : { sweep }),
    repairs:
      repaired.length > 0
        ? [{ at: now, entries: repaired }, ...state.repairs].slice(0, REPAIRS_KEPT)
        : state.repairs,
    repairedSections: [...repairedSections],
    lastRunAt: now,
    ...(totalsChecked
      ? { lastCheckedTotalsAt: now }
      : state.lastCheckedTotalsAt
        ? { lastCheckedTotalsAt: state.lastCheckedTotalsAt }
        : {}),
  };
  await writeHealState(electionId, next);
  if (repaired.length > 0) logger.warn('reconciliation repaired the totals', { electionId, repaired });
  return {
    electionId,
    swept: cursor - firstCursor,
    sweptAll,
    suspects: next.suspects.length,
    totalsChecked,
    repaired,
    repairedSections: [...repairedSections],
  };
}
