import type { DynamoDBRecord } from 'aws-lambda';
import {
  AGGREGATE_PART_SK_PREFIX,
  AUDIT_HEAD_SK,
  DEPLOYMENT_TRAIL,
  ELECTION_STATE_SK,
  HEAL_STATE_SK,
  isSourceKey,
  PUBLIC_LOG_SK,
} from '../db/keys.js';
import { readStreamRecord, streamRecordCreatedAt } from '../db/stream-record.js';
import { logger } from '../logger.js';
import { recordPublishLatency } from '../metrics.js';
import type { PublicBucket } from '../storage/bucket.js';
import { type Clock, publishSections, publishSummary } from './publish-results.js';

/** What a batch of stream records asks the publisher to rewrite, per election. */
export class PublishWork {
  readonly sections = new Map<string, Set<string>>();
  readonly elections = new Set<string>();
  /** Per election, when its oldest change in the batch was written (for the publish latency). */
  private readonly oldestChange = new Map<string, Date>();

  /** `clock`: the publisher's "now" (the close of the polls depends on it); the system's by default. */
  constructor(private readonly clock: Clock = () => new Date()) {}

  /** Notes what one record changed: a section's file, or an election's summary. */
  add(record: DynamoDBRecord): void {
    const { key, newImage, oldImage } = readStreamRecord(record);
    const image = newImage ?? oldImage ?? {};
    // The deployment's own trail has no results to publish.
    if (!image.electionId || image.electionId === DEPLOYMENT_TRAIL) return;
    const electionId = String(image.electionId);
    const createdAt = streamRecordCreatedAt(record);
    if (createdAt && !this.oldestChange.has(electionId)) this.oldestChange.set(electionId, createdAt);
    if (isSourceKey(key)) {
      this.addSections(electionId, [String(image.sectionId)]);
    } else if (key.SK === HEAL_STATE_SK) {
      // A reconciliation ran: rewrite what it repaired, and publish if a publish was lost.
      this.addSections(electionId, ((newImage?.repairedSections as string[] | undefined) ?? []).map(String));
    } else if (key.SK === PUBLIC_LOG_SK) {
      // The public log grew: the files of the sections it took in list their new receipts.
      if (newImage?.size !== oldImage?.size)
        this.addSections(electionId, ((newImage?.sections as string[] | undefined) ?? []).map(String), false);
    } else if (
      key.SK.startsWith(AGGREGATE_PART_SK_PREFIX) ||
      key.SK === ELECTION_STATE_SK ||
      key.SK === AUDIT_HEAD_SK
    ) {
      this.elections.add(electionId);
    }
  }

  private addSections(electionId: string, sectionIds: string[], summaryToo = true): void {
    const sections = this.sections.get(electionId) ?? new Set<string>();
    for (const sectionId of sectionIds) sections.add(sectionId);
    this.sections.set(electionId, sections);
    if (summaryToo) this.elections.add(electionId);
  }

  /**
   * Per election, the changed sections' files and, beside them, at most one new summary snapshot
   * and its pointer. They are independent files, each cached at the edge on its own clock, so
   * writing them side by side shows a reader nothing that writing them in turn would not; and the
   * publish in flight, which every later change waits for, ends sooner. Every write is settled
   * before the invocation ends, and the first failure fails the batch (it is retried whole).
   */
  async publish(bucket: PublicBucket): Promise<void> {
    const outcomes = await Promise.allSettled(
      [...new Set([...this.elections, ...this.sections.keys()])].map(async (electionId) => {
        const sectionIds = this.sections.get(electionId);
        const [sections, summary] = await Promise.allSettled([
          sectionIds ? publishSections(bucket, electionId, sectionIds, this.clock) : Promise.resolve(),
          this.elections.has(electionId)
            ? publishSummary(bucket, electionId, this.clock)
            : Promise.resolve(undefined),
        ]);
        firstFailure([sections, summary]);
        const seq = (summary as PromiseFulfilledResult<number | undefined>).value;
        if (seq === undefined) return;
        logger.info('published', { electionId, seq });
        const oldest = this.oldestChange.get(electionId);
        if (oldest) recordPublishLatency(oldest);
      }),
    );
    firstFailure(outcomes);
  }
}

/** Throws the first rejection among settled outcomes. */
function firstFailure(outcomes: PromiseSettledResult<unknown>[]): void {
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
