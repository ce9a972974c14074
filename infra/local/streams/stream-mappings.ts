/**
 * The local stand-in for Lambda's event source mappings of the table's stream: every mapping of
 * the packaged template reads every shard (shard-reader.ts), a child shard only once its parent is
 * read to its end, and new shards are found as the stream rolls over. Where each function got to
 * in each shard is kept in a file, so a restart neither loses nor replays what was done.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';
import type { PackagedTemplate } from '../iam/function-roles.js';
import { type StreamMapping, streamMappingsOf } from './event-source-mappings.js';
import { readShard } from './shard-reader.js';

export interface StreamMappingOptions {
  template: PackagedTemplate;
  dynamodbEndpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  tableName: string;
  lambdaPort: number;
  /** The local ARN of a queue of the template, by its logical id. */
  queueArnOf: (queueId: string) => string;
  positionsFile: string;
  log: (line: string) => void;
}

/** How often the stream's shards are listed again (DynamoDB rolls them over as it runs). */
const DISCOVER_MS = 5_000;

export async function startStreamMappings(options: StreamMappingOptions): Promise<{ stop(): Promise<void> }> {
  const clientOptions = {
    endpoint: options.dynamodbEndpoint,
    region: options.region,
    credentials: options.credentials,
  };
  const dynamodb = new DynamoDBClient(clientOptions);
  const streams = new DynamoDBStreamsClient(clientOptions);
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamodb.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
  const mappings = streamMappingsOf(options.template, options.queueArnOf);

  const positions: Record<string, string> = existsSync(options.positionsFile)
    ? JSON.parse(readFileSync(options.positionsFile, 'utf8'))
    : {};
  const positionKey = (mapping: StreamMapping, shardId: string) =>
    `${streamArn}::${mapping.functionName}::${shardId}`;
  let stopping = false;
  const invoke = async (functionName: string, event: unknown) => {
    const response = await fetch(
      `http://127.0.0.1:${options.lambdaPort}/2015-03-31/functions/${functionName}/invocations`,
      { method: 'POST', body: JSON.stringify(event) },
    );
    const text = await response.text();
    if (response.status !== 200 || response.headers.get('x-amz-function-error'))
      throw new Error(`${functionName} failed (${response.status}): ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };

  const running = new Map<string, Promise<void>>();
  /** Shards every mapping has read to their end, and how many mappings have, per shard. */
  const finished = new Set<string>();
  const readThrough = new Map<string, number>();
  const startReaders = (shards: Shard[]) => {
    const known = new Set(shards.map((s) => s.ShardId));
    for (const shard of shards) {
      const shardId = shard.ShardId ?? '';
      const parent = shard.ParentShardId;
      // A child shard's records come after its parent's: it waits until the parent is read through.
      const parentPending = parent !== undefined && known.has(parent) && !finished.has(parent);
      for (const mapping of mappings) {
        const key = positionKey(mapping, shardId);
        if (running.has(key) || parentPending) continue;
        const context = {
          streams,
          streamArn,
          region: options.region,
          invoke,
          position: () => positions[key],
          savePosition: (sequenceNumber: string) => {
            positions[key] = sequenceNumber;
            writeFileSync(options.positionsFile, JSON.stringify(positions));
          },
          stopped: () => stopping,
          log: options.log,
        };
        running.set(
          key,
          readShard(mapping, shardId, context)
            .then(() => {
              const done = (readThrough.get(shardId) ?? 0) + 1;
              readThrough.set(shardId, done);
              if (done === mappings.length) finished.add(shardId);
            })
            .catch((error) =>
              options.log(
                `stream reader of ${mapping.functionName} on ${shardId} stopped: ${(error as Error).message}`,
              ),
            ),
        );
      }
    }
  };

  const discover = async () => {
    const shards: Shard[] = [];
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    startReaders(shards);
  };
  await discover();
  const timer = setInterval(
    () =>
      discover().catch((error) => options.log(`listing the stream's shards: ${(error as Error).message}`)),
    DISCOVER_MS,
  );

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await Promise.all(running.values());
      streams.destroy();
    },
  };
}
