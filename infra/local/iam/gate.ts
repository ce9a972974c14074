import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Answer,
  deniedMessage,
  dynamoDbDenied,
  dynamoDbError,
  lambdaError,
  principalArn,
  s3Denied,
  s3Error,
} from './access-denied.js';
import { dynamoDbPermissions } from './dynamodb-permissions.js';
import type { FunctionRole } from './function-roles.js';
import { lambdaPermissions, payloadLimitOf } from './lambda-permissions.js';
import { evaluate, type Permission } from './policy.js';
import { s3Permissions, s3Target } from './s3-permissions.js';

/**
 * The local stack's AWS endpoint for the Lambda functions: every DynamoDB, S3 and Lambda call a function
 * makes comes here, signed (SigV4) as that function, and is checked against the statements of
 * that function's own role in the packaged template before it reaches DynamoDB Local or s3rver.
 * A call the role does not allow is answered as AWS answers it (AccessDeniedException, S3's
 * AccessDenied, Lambda's AccessDeniedException), and a call for a service that does not run here
 * is refused too, as is an invocation over Lambda's payload limit: nothing that AWS would refuse
 * passes here.
 */
export interface IamGateOptions {
  upstream: { dynamodb: string; s3: string; lambda?: string };
  /**
   * The key the stand-ins are called with once a call is allowed: DynamoDB Local takes only
   * alphanumeric key ids, s3rver only its own, and neither checks a SigV4 signature.
   */
  upstreamAccessKeyId: string;
  roles: readonly FunctionRole[];
  accountId: string;
  region: string;
  log: (line: string) => void;
}

export interface Use {
  functionKey: string;
  action: string;
  resource: string;
}

export interface Denial extends Use {
  message: string;
}

export interface IamGate {
  url: string;
  /** Every permission each function used, allowed, since the gate started. */
  usage(): Use[];
  /** Every call refused, in order. */
  denials(): Denial[];
  stop(): Promise<void>;
}

/** The access key id of a SigV4-signed request (header or presigned query) and its service. */
function credentialOf(req: IncomingMessage, query: URLSearchParams) {
  const header = req.headers.authorization ?? '';
  const credential = /Credential=([^,\s]+)/.exec(header)?.[1] ?? query.get('X-Amz-Credential') ?? '';
  const [accessKeyId, , , service] = credential.split('/');
  return { accessKeyId: accessKeyId ?? '', service: service ?? '' };
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const send = (res: ServerResponse, answer: Answer) => {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
};

export async function startIamGate(options: IamGateOptions): Promise<IamGate> {
  const byAccessKey = new Map(options.roles.map((role) => [role.functionName, role]));
  const used = new Map<string, Use>();
  const refused: Denial[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const tableArn = (name: string) =>
    name.startsWith('arn:') ? name : `arn:aws:dynamodb:${options.region}:${options.accountId}:table/${name}`;

  const forward = (upstream: string, req: IncomingMessage, body: Buffer) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const headers = { ...req.headers };
      if (headers.authorization)
        headers.authorization = headers.authorization.replace(
          /Credential=[^/]+\//,
          `Credential=${options.upstreamAccessKeyId}/`,
        );
      const outgoing = request(
        new URL(req.url ?? '/', upstream),
        { method: req.method, headers, agent },
        resolve,
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const principalOf = (role: FunctionRole) =>
    principalArn(options.accountId, role.roleName, role.functionName);

  /** A permission the function's role allowed, kept for usage(). */
  const recordUse = (role: FunctionRole, permission: Permission) =>
    used.set(`${role.functionKey} ${permission.action} ${permission.resource}`, {
      functionKey: role.functionKey,
      ...permission,
    });

  /** A permission refused: kept for denials(), and logged (with `note` after it). */
  const refuse = (role: FunctionRole, permission: Permission, message: string, note = '') => {
    refused.push({ functionKey: role.functionKey, ...permission, message });
    options.log(`[iam] ${role.functionKey} DENIED ${permission.action} on ${permission.resource}${note}`);
  };

  /**
   * The permissions a call needs, judged in order against the function's role: AWS's message for
   * the first one refused, or undefined when the role allows them all (each recorded as used).
   */
  function firstDenial(role: FunctionRole, permissions: readonly Permission[]): string | undefined {
    for (const permission of permissions) {
      const decision = evaluate(role.statements, permission);
      if (decision !== 'allowed') {
        const message = deniedMessage(principalOf(role), permission, decision);
        refuse(role, permission, message);
        return message;
      }
      recordUse(role, permission);
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://gate');
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const { accessKeyId, service } = credentialOf(req, url.searchParams);
    const isS3 = service === 's3';
    if (service === 'lambda' && options.upstream.lambda)
      return handleLambda(req, res, url, body, accessKeyId);
    if (service !== 'dynamodb' && !isS3)
      return send(
        res,
        dynamoDbError(
          400,
          'UnknownServiceException',
          `the local stack runs no "${service || 'unsigned'}" service`,
        ),
      );
    const role = byAccessKey.get(accessKeyId);
    if (!role) {
      const message = `the access key "${accessKeyId}" is no function of the packaged template: sign as the function (shared/aws/client-options.ts)`;
      return send(
        res,
        isS3
          ? s3Error(403, 'InvalidAccessKeyId', message, method)
          : dynamoDbError(400, 'UnrecognizedClientException', message),
      );
    }
    const permissions: Permission[] = isS3
      ? s3Permissions({
          method,
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: body.toString('utf8'),
        })
      : dynamoDbPermissions(String(req.headers['x-amz-target'] ?? ''), parseJson(body), tableArn);
    const denied = firstDenial(role, permissions);
    if (denied) return send(res, isS3 ? s3Denied(denied, method) : dynamoDbDenied(denied));
    const answer = await forward(isS3 ? options.upstream.s3 : options.upstream.dynamodb, req, body);
    // S3 tells a caller that may not list the bucket nothing about which keys exist: a missing
    // object is 403 AccessDenied for it, not 404 NoSuchKey.
    const { bucket, key } = s3Target(url.pathname);
    if (isS3 && answer.statusCode === 404 && key !== undefined && (method === 'GET' || method === 'HEAD')) {
      const list = { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}` };
      if (evaluate(role.statements, list) === 'allowed') recordUse(role, list);
      else {
        answer.resume();
        const message = `Access Denied: ${key} does not exist, and without ${list.action} on ${list.resource} S3 does not say so (${deniedMessage(principalOf(role), list, 'not allowed')})`;
        refuse(role, list, message, ' (a missing object reads as 403)');
        return send(res, s3Denied(message, method));
      }
    }
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  }

  const functionArn = (name: string) =>
    `arn:aws:lambda:${options.region}:${options.accountId}:function:${name}`;

  /** Lambda's Invoke, as AWS checks it: the caller's role, then the event's size for its invocation type. */
  async function handleLambda(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
    accessKeyId: string,
  ) {
    const role = byAccessKey.get(accessKeyId);
    if (!role)
      return send(
        res,
        lambdaError(
          403,
          'UnrecognizedClientException',
          `the access key "${accessKeyId}" is no function of the packaged template`,
        ),
      );
    const permissions = lambdaPermissions(url.pathname, functionArn);
    if (!permissions)
      return send(res, lambdaError(400, 'UnknownOperationException', `the local stack serves Invoke only`));
    const denied = firstDenial(role, permissions);
    if (denied) return send(res, lambdaError(403, 'AccessDeniedException', denied));
    const invocationType = req.headers['x-amz-invocation-type'];
    const limit = payloadLimitOf(typeof invocationType === 'string' ? invocationType : undefined);
    if (body.length > limit)
      return send(
        res,
        lambdaError(
          413,
          'RequestEntityTooLargeException',
          `${body.length} byte payload is too large for the ${invocationType ?? 'RequestResponse'} invocation type (limit ${limit} bytes)`,
        ),
      );
    const answer = await forward(options.upstream.lambda ?? '', req, body);
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent)
        send(res, dynamoDbError(500, 'InternalFailure', `local IAM gate: ${error.message}`));
      else res.destroy(error);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    usage: () => [...used.values()],
    denials: () => [...refused],
    stop: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
