import { randomUUID } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  acknowledgeProbe,
  readHealth,
  STREAM_CONSUMERS,
  type StreamConsumer,
  writeProbe,
} from '../db/health.js';
import { HEALTH_PROBE_SK } from '../db/keys.js';
import { readStreamRecord } from '../db/stream-record.js';
import type { PublicBucket } from '../storage/bucket.js';

/** A probe not answered within this time means a consumer is down; it is then sent again. */
const PROBE_ANSWER_MS = 15_000;
/** An answered probe is renewed after this time, so a trigger that stops later is noticed. */
const PROBE_RENEW_MS = 60_000;

export interface Health {
  ready: boolean;
  components: { table: boolean; bucket: boolean } & Record<StreamConsumer, boolean>;
}

/**
 * Ready means: the table answers, every stream consumer answers probe items sent through the
 * table's stream (so the trigger runs), and the public bucket can be reached.
 */
export async function checkHealth(bucket: PublicBucket): Promise<Health> {
  const [state, bucketReachable] = await Promise.all([
    readHealth().catch(() => undefined),
    bucket.isReachable(),
  ]);
  const none = Object.fromEntries(STREAM_CONSUMERS.map((c) => [c, false])) as Record<StreamConsumer, boolean>;
  if (!state) return { ready: false, components: { table: false, bucket: bucketReachable, ...none } };
  const age = state.probe ? Date.now() - Date.parse(state.probe.at) : Number.POSITIVE_INFINITY;
  // A consumer is up if it answered the latest probe, or answered an earlier one and the latest is still young.
  const answered = (consumer: StreamConsumer) =>
    state.acks[consumer] !== undefined &&
    (state.acks[consumer] === state.probe?.nonce || age <= PROBE_ANSWER_MS);
  const allAnswered = STREAM_CONSUMERS.every((c) => state.acks[c] === state.probe?.nonce);
  if (allAnswered ? age > PROBE_RENEW_MS : age > PROBE_ANSWER_MS) await writeProbe(randomUUID());
  const consumers = Object.fromEntries(STREAM_CONSUMERS.map((c) => [c, answered(c)])) as Record<
    StreamConsumer,
    boolean
  >;
  const components = { table: true, bucket: bucketReachable, ...consumers };
  return { ready: Object.values(components).every(Boolean), components };
}

/** Answers a health probe seen on the stream; true when the record was one. */
export async function answerProbe(consumer: StreamConsumer, record: DynamoDBRecord): Promise<boolean> {
  const { key, newImage } = readStreamRecord(record);
  if (!newImage || key.SK !== HEALTH_PROBE_SK) return false;
  await acknowledgeProbe(consumer, String(newImage.nonce));
  return true;
}
