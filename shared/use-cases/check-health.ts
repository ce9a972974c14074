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

/** A probe not answered within this time means a consumer is down. */
const PROBE_ANSWER_MS = 15_000;
/** Probes are sent every minute (probeStream's schedule); one older than this means the sender stopped. */
const PROBE_STALE_MS = 150_000;

export interface Health {
  ready: boolean;
  components: { table: boolean; bucket: boolean; prober: boolean } & Record<StreamConsumer, boolean>;
}

/** Sends a probe item through the table's stream: every minute in AWS, at start and on a timer locally. */
export const sendProbe = (): Promise<void> => writeProbe(randomUUID());

/**
 * Ready means: the table answers, probes are being sent, every stream consumer answers them
 * (so each trigger runs), and the public bucket can be reached. It only reads: the probes come
 * from `sendProbe`, so a health check writes nothing.
 */
export async function checkHealth(bucket: PublicBucket): Promise<Health> {
  const [state, bucketReachable] = await Promise.all([
    readHealth().catch(() => undefined),
    bucket.isReachable(),
  ]);
  const none = Object.fromEntries(STREAM_CONSUMERS.map((c) => [c, false])) as Record<StreamConsumer, boolean>;
  if (!state)
    return { ready: false, components: { table: false, bucket: bucketReachable, prober: false, ...none } };
  const age = state.probe ? Date.now() - Date.parse(state.probe.at) : Number.POSITIVE_INFINITY;
  // A consumer is up if it answered the latest probe, or answered an earlier one and the latest is still young.
  const answered = (consumer: StreamConsumer) =>
    state.acks[consumer] !== undefined &&
    (state.acks[consumer] === state.probe?.nonce || age <= PROBE_ANSWER_MS);
  const consumers = Object.fromEntries(STREAM_CONSUMERS.map((c) => [c, answered(c)])) as Record<
    StreamConsumer,
    boolean
  >;
  const components = { table: true, bucket: bucketReachable, prober: age <= PROBE_STALE_MS, ...consumers };
  return { ready: Object.values(components).every(Boolean), components };
}

/** Answers a health probe seen on the stream; true when the record was one. */
export async function answerProbe(consumer: StreamConsumer, record: DynamoDBRecord): Promise<boolean> {
  const { key, newImage } = readStreamRecord(record);
  if (!newImage || key.SK !== HEALTH_PROBE_SK) return false;
  await acknowledgeProbe(consumer, String(newImage.nonce));
  return true;
}
