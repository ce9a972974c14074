import { randomUUID } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import { acknowledgeProbe, readHealth, type StreamConsumer, writeProbe } from '../db/health.js';
import { HEALTH_PROBE_SK } from '../db/keys.js';
import { readStreamRecord } from '../db/stream-record.js';
import type { PublicBucket } from '../storage/bucket.js';

/** A probe not answered within this time is sent again. */
const PROBE_RETRY_MS = 15_000;

export interface Health {
  ready: boolean;
  components: { table: boolean; aggregator: boolean; publisher: boolean; bucket: boolean };
}

/**
 * Ready means: the table answers, both stream consumers have answered the latest probe
 * (so the stream trigger runs), and the public bucket can be reached.
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
  const nonce = state.probe?.nonce;
  const aggregator = nonce !== undefined && state.acks.aggregator === nonce;
  const publisher = nonce !== undefined && state.acks.publisher === nonce;
  const stale = !state.probe || Date.now() - Date.parse(state.probe.at) > PROBE_RETRY_MS;
  if ((!aggregator || !publisher) && stale) await writeProbe(randomUUID());
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
