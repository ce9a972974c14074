/**
 * Lambda's Invoke through the local IAM gate, as AWS answers it: allowed only by the caller's
 * role (lambda:InvokeFunction on the function), and refused past Lambda's payload limits (1 MB
 * for a queued invocation, 6 MB for one waited for), before anything reaches the function.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionRole } from '../../infra/local/iam/function-roles.js';
import { type IamGate, startIamGate } from '../../infra/local/iam/gate.js';

const REGION = 'eu-south-1';
const WORKER_ARN = `arn:aws:lambda:${REGION}:000000000000:function:svc-test-worker`;
const roles: FunctionRole[] = [
  {
    functionKey: 'starter',
    functionName: 'svc-test-starter',
    roleName: 'StarterRole',
    statements: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: WORKER_ARN }],
  },
  { functionKey: 'other', functionName: 'svc-test-other', roleName: 'OtherRole', statements: [] },
];

let gate: IamGate;
let lambda: Server;
/** What reached serverless-offline's Lambda port (here, a stand-in): one invocation type per call. */
const invoked: string[] = [];

beforeAll(async () => {
  lambda = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      invoked.push(String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse'));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => lambda.listen(0, '127.0.0.1', resolve));
  gate = await startIamGate({
    upstream: {
      dynamodb: 'http://127.0.0.1:9',
      s3: 'http://127.0.0.1:9',
      lambda: `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`,
    },
    upstreamAccessKeyId: 'local',
    roles,
    accountId: '000000000000',
    region: REGION,
    log: () => undefined,
  });
});

afterAll(async () => {
  await gate?.stop();
  await new Promise((resolve) => lambda?.close(resolve));
});

const client = (functionName: string) =>
  new LambdaClient({
    endpoint: gate.url,
    region: REGION,
    credentials: { accessKeyId: functionName, secretAccessKey: 'local' },
  });
const invoke = (functionName: string, bytes: number) =>
  client(functionName).send(
    new InvokeCommand({
      FunctionName: 'svc-test-worker',
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify({ pad: 'x'.repeat(bytes) })),
    }),
  );

describe('Lambda’s Invoke through the local IAM gate', () => {
  it('given a role that allows invoking the worker, then the event reaches it, queued, and the use is recorded', async () => {
    expect((await invoke('svc-test-starter', 10)).StatusCode).toBe(202);
    expect(invoked).toEqual(['Event']);
    expect(gate.usage()).toContainEqual({
      functionKey: 'starter',
      action: 'lambda:InvokeFunction',
      resource: WORKER_ARN,
    });
  });

  it('given a role that does not, then AccessDeniedException in AWS’s words, and nothing reaches the worker', async () => {
    await expect(invoke('svc-test-other', 10)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::000000000000:assumed-role/OtherRole/svc-test-other is not authorized to perform: lambda:InvokeFunction on resource: ${WORKER_ARN} because no identity-based policy allows the lambda:InvokeFunction action`,
    });
    expect(invoked).toHaveLength(1);
  });

  it('given a queued event over 1 MB, then RequestEntityTooLargeException, as Lambda refuses it', async () => {
    await expect(invoke('svc-test-starter', 1024 * 1024)).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
    });
    expect(invoked).toHaveLength(1);
  });
});
