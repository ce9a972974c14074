/**
 * Starts a worker function asynchronously (Lambda's Invoke API, InvocationType Event): Lambda
 * queues the event, answers 202 at once, and retries the function twice if it fails. Locally the
 * call goes to the IAM gate, which checks the caller's role and Lambda's 1 MB limit on an event,
 * then to serverless-offline's Lambda port.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '../config.js';
import { clientOptions } from './client-options.js';

let client: LambdaClient | undefined;

export async function startWorker(functionName: string, event: unknown): Promise<void> {
  client ??= new LambdaClient(clientOptions(config().LAMBDA_ENDPOINT));
  const { StatusCode } = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  if (StatusCode !== 202) throw new Error(`Lambda answered ${StatusCode} to an asynchronous invocation`);
}
