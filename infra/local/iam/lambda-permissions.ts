import type { Permission } from './policy.js';

/** Lambda's limits on an invocation's event: 6 MB when the caller waits, 1 MB when it is queued (Event). */
export const INVOKE_PAYLOAD_LIMIT = { RequestResponse: 6 * 1024 * 1024, Event: 1024 * 1024 } as const;

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * The IAM permission a Lambda REST call needs: Invoke needs lambda:InvokeFunction on the
 * function's ARN (the function named, or given as an ARN, its qualifier aside). Any other call
 * is one the local stack does not serve.
 */
export function lambdaPermissions(
  path: string,
  functionArn: (name: string) => string,
): Permission[] | undefined {
  const name = INVOKE.exec(path)?.[1];
  if (name === undefined) return undefined;
  const decoded = decodeURIComponent(name);
  const arn = decoded.startsWith('arn:')
    ? decoded.split(':').slice(0, 7).join(':')
    : functionArn(decoded.split(':')[0] ?? decoded);
  return [{ action: 'lambda:InvokeFunction', resource: arn }];
}

/** The event's limit for an invocation of this type (RequestResponse when none is given). */
export const payloadLimitOf = (invocationType: string | undefined) =>
  invocationType === 'Event' ? INVOKE_PAYLOAD_LIMIT.Event : INVOKE_PAYLOAD_LIMIT.RequestResponse;
