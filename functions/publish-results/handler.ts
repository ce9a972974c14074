import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  AGGREGATE_PART_SK_PREFIX,
  AUDIT_HEAD_SK,
  ELECTION_STATE_SK,
  isSourceKey,
} from '../../shared/db/keys.js';
import { readStreamRecord } from '../../shared/db/stream-record.js';
import { logger } from '../../shared/logger.js';
import { s3Bucket } from '../../shared/storage/s3-bucket.js';
import { answerProbe } from '../../shared/use-cases/check-health.js';
import { publishSections, publishSummary } from '../../shared/use-cases/publish-results.js';

const bucket = s3Bucket();
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Coalesces a batch of changes into one publish per election: the changed sections' files,
 * then at most one new summary snapshot and its pointer.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const sectionsByElection = new Map<string, Set<string>>();
  const touched = new Set<string>();
  processor.register(event.Records, async (record: DynamoDBRecord) => {
    if (await answerProbe('publisher', record)) return;
    const { key, newImage, oldImage } = readStreamRecord(record);
    const image = newImage ?? oldImage ?? {};
    const moved =
      key.SK.startsWith(AGGREGATE_PART_SK_PREFIX) || key.SK === ELECTION_STATE_SK || key.SK === AUDIT_HEAD_SK;
    if (moved && image.electionId) touched.add(String(image.electionId));
    if (isSourceKey(key)) {
      const electionId = String(image.electionId);
      const sections = sectionsByElection.get(electionId) ?? new Set<string>();
      sections.add(String(image.sectionId));
      sectionsByElection.set(electionId, sections);
      touched.add(electionId);
    }
  });
  await processor.process();
  for (const [electionId, sectionIds] of sectionsByElection)
    await publishSections(bucket, electionId, sectionIds);
  for (const electionId of touched) {
    const seq = await publishSummary(bucket, electionId);
    if (seq !== undefined) logger.info('published', { electionId, seq });
  }
  return processor.response();
};
