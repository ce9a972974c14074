import { randomUUID } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import { acknowledgeProbe, readHealth, type StreamConsumer, writeProbe } from '../db/health.js';
import { HEALTH_PROBE_SK } from '../db/keys.js';
import { readStreamRecord } from '../db/stream-record.js';
import type { PublicBucket } from '../storage/bucket.js';

/** A probe not answered within this time means a consumer is down; it is then sent again. */
const PROBE_ANSWER_MS = 15_000;
/** An answered probe is renewed after this time, so a trigger that stops later is noticed. */
const PROBE_RENEW_MS = 60_000;

export interface Health {
  ready: boolean;
  components: { table: boolean; aggregator: boolean; publisher: boolean; bucket: boolean };
}

/**
 * Ready means: the table answers, both stream consumers answer probe items sent through the
 * table's stream (so the trigger runs), and the public bucket can be reached.
 */
export async function checkHealth(bucket: PublicBucket): Promise<Health> {
  const [state, bucketReachable] = await Promise.all([
    readHealth().catch(() => undefined),
    bucket.isReachable(),
  ]);
  if (!state)
    return {
      ready: false,
      components: { table: false, aggregator: false, publisher: false, bucket: bucketReachable },
    };
  const age = state.probe ? Date.now() - Date.parse(state.probe.at) : Number.POSITIVE_INFINITY;
  // A consumer is up if it answered the latest probe, or answered an earlier one and the latest is still young.
  const answered = (consumer: 'aggregator' | 'publisher') =>
    state.acks[consumer] !== undefined &&
    (state.acks[consumer] === state.probe?.nonce || age <= PROBE_ANSWER_MS);
  const aggregator = answered('aggregator');
  const publisher = answered('publisher');
  const allAnswered =
    state.acks.aggregator === state.probe?.nonce && state.acks.publisher === state.probe?.nonce;
  if (allAnswered ? age > PROBE_RENEW_MS : age > PROBE_ANSWER_MS) await writeProbe(randomUUID());
  const components = { table: true, aggregator, publisher, bucket: bucketReachable };
  return { ready: Object.values(components).every(Boolean), components };
}

/** Answers a health probe seen on the stream; true when the record was one. */
export async function answerProbe(consumer: StreamConsumer, record: DynamoDBRecord): Promise<boolean> {
  const { key, newImage } = readStreamRecord(record);
  if (!newImage || key.SK !== HEALTH_PROBE_SK) return false;
  await acknowledgeProbe(consumer, String(newImage.nonce));
  return true;
}
