/**
 * The checks of a section's current items, judged together: R5 links the turnout readings to
 * each other (they are cumulative) and the final slot to the count, so a write can change the
 * checks of the items beside it. Pure.
 */
import { checkResults, checkTurnout, type FailedCheck } from './checks.js';
import type { ElectionHead, Section } from './election.js';
import type { SubmissionStatus } from './status.js';
import type { SectionResults, TurnoutReading } from './submission-bodies.js';

export interface CurrentItem {
  kind: 'results' | 'turnout';
  slotId?: string;
  body: unknown;
  status: SubmissionStatus;
  checks: FailedCheck[];
}

export const sameItem = (a: Pick<CurrentItem, 'kind' | 'slotId'>, b: Pick<CurrentItem, 'kind' | 'slotId'>) =>
  a.kind === b.kind && a.slotId === b.slotId;

/** The checks of one item, given every current item of its section (the item itself included or not). */
export function checksFor(
  head: ElectionHead,
  section: Pick<Section, 'registeredVoters'>,
  item: Pick<CurrentItem, 'kind' | 'slotId' | 'body'>,
  items: readonly CurrentItem[],
): FailedCheck[] {
  const others = items.filter((i) => !sameItem(i, item) && i.status !== 'reopened');
  const readings = Object.fromEntries(
    others
      .filter((i) => i.kind === 'turnout' && i.slotId)
      .map((i) => [i.slotId as string, i.body as TurnoutReading]),
  );
  if (item.kind === 'results') {
    const finalSlot = head.turnoutSlots.find((s) => s.final);
    return checkResults(
      head,
      section,
      item.body as SectionResults,
      finalSlot ? readings[finalSlot.id] : undefined,
    );
  }
  const count = others.find((i) => i.kind === 'results')?.body as SectionResults | undefined;
  return checkTurnout(
    head.turnoutSlots,
    item.slotId ?? '',
    item.body as TurnoutReading,
    readings,
    section,
    count?.voters,
  );
}
