import { randomUUID } from 'node:crypto';
import type { Decision, Permission } from './policy.js';

/** Who made a call, as AWS names a Lambda function's role session. */
export const principalArn = (accountId: string, roleName: string, functionName: string) =>
  `arn:aws:sts::${accountId}:assumed-role/${roleName}/${functionName}`;

/** AWS's own sentence for a refused call. */
export function deniedMessage(principal: string, permission: Permission, decision: Decision): string {
  const why =
    decision === 'explicitly denied'
      ? `with an explicit deny in an identity-based policy`
      : `because no identity-based policy allows the ${permission.action} action`;
  return `User: ${principal} is not authorized to perform: ${permission.action} on resource: ${permission.resource} ${why}`;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** DynamoDB's AccessDeniedException, as its JSON protocol answers it. */
export function dynamoDbDenied(message: string): Answer {
  return dynamoDbError(400, 'AccessDeniedException', message);
}

export function dynamoDbError(status: number, type: string, message: string): Answer {
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-errortype': type,
      'x-amzn-requestid': randomUUID(),
    },
    body: JSON.stringify({ __type: `com.amazon.coral.service#${type}`, Message: message }),
  };
}

/** S3's AccessDenied, as its REST protocol answers it (no body for HEAD). */
export function s3Denied(message: string, method: string): Answer {
  return s3Error(403, 'AccessDenied', message, method);
}

export function s3Error(status: number, code: string, message: string, method: string): Answer {
  const requestId = randomUUID();
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
    body:
      method === 'HEAD'
        ? ''
        : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escaped}</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

/** Lambda's errors, as its REST protocol answers them (AccessDeniedException is 403). */
export function lambdaError(status: number, type: string, message: string): Answer {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': type,
      'x-amzn-requestid': randomUUID(),
    },
    body: JSON.stringify({ Type: 'User', Message: message }),
  };
}
