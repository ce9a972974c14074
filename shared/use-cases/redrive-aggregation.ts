/**
 * Brings an election's aggregates back in line with its stored sections after stream batches
 * were lost (retries exhausted: in AWS the batch's metadata waits in the on-failure queue; the
 * local stream emulator drops it). Every section's current items go through the very same
 * rev-guarded `applyChanges` as the stream: what was already applied is a no-op, what was
 * missed is applied once. Safe to run while the live aggregation runs, and to run again.
 */
import { listSections } from '../db/elections.js';
import { listCurrentSubmissions, submissionKey } from '../db/submissions.js';
import type { SourceChange } from '../domain/aggregation.js';
import { inPool } from '../in-pool.js';
import { applyChanges, changeOfImage } from './aggregate-changes.js';

/** Sections read before each guarded apply (about five items each): memory stays flat at national scale. */
const SECTIONS_PER_ROUND = 80;

export async function redriveAggregation(electionId: string, concurrency = 16): Promise<{ sources: number }> {
  const sections = await listSections(electionId);
  let sources = 0;
  for (let start = 0; start < sections.length; start += SECTIONS_PER_ROUND) {
    const changes: SourceChange[] = [];
    await inPool(sections.slice(start, start + SECTIONS_PER_ROUND), concurrency, async (section) => {
      for (const item of await listCurrentSubmissions(electionId, section.id)) {
        changes.push(changeOfImage(submissionKey(item), item));
      }
    });
    sources += changes.length;
    await applyChanges(changes);
  }
  return { sources };
}
