import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Actor } from '../domain/actor.js';
import { IdSchema } from '../domain/ids.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { logger } from '../logger.js';
import { flushMetrics } from '../metrics.js';
import { recordOfficerContact } from '../use-cases/record-officer-contact.js';
import { withinLambdaAnswerLimit } from './answer-limit.js';
import { authenticate, type Caller } from './authenticate.js';
import { type Access, authorize } from './authorize.js';
import { compressed } from './compression.js';
import { errorResponse } from './error-response.js';
import { headerOf as header } from './headers.js';
import { type BodyLimits, requestBodyText } from './request-body.js';
import { parseStrictJson } from './strict-json.js';
import { assertThroughSite, withApiHeaders } from './through-site.js';

/** Bodies larger than this are refused before parsing (docs/interface.md, Calling the API). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The most an election definition may be through the API, as JSON once inflated: Lambda's 6 MB
 * (6 MiB, as request-body.ts counts it). Italy's 61,550 sections are about 4.9 MB of JSON, sent
 * gzipped (about 615 KiB), since escaped in the Lambda event that JSON would be over 6 MB; a
 * larger one (every optional field of every section) is defined from a terminal,
 * `npm run admin -- define`, which has no such limit. Bounding the inflated text, not the bytes sent, also bounds what a function
 * holds and parses, whatever the compression (a zip bomb is refused as it inflates).
 */
export const MAX_DEFINITION_BYTES = 6 * 1024 * 1024;

export interface ApiEvent extends APIGatewayProxyEventV2 {
  /** The parsed JSON body, when the route takes one. */
  json: unknown;
  caller: Caller | undefined;
  ids: Record<string, string>;
}

type Handler = (event: ApiEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

function pathIds(event: APIGatewayProxyEventV2): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    let decoded = '';
    try {
      decoded = decodeURIComponent(value ?? '');
    } catch {
      // A malformed escape is as invalid as any other character outside the id alphabet.
    }
    if (!IdSchema.safeParse(decoded).success) {
      throw new ValidationError(`"${name}" is not a valid id`, [
        { path: [name], message: 'ids are 1 to 64 characters of A-Z, a-z, 0-9, _ and -' },
      ]);
    }
    ids[name] = decoded;
  }
  return ids;
}

type Request = middy.Request<ApiEvent, APIGatewayProxyStructuredResultV2>;

/** Answers every failure in the contract's error shape (the one mapping lives in error-response.ts). */
const contractErrors = (): middy.MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request: Request) => {
    request.response = withApiHeaders(errorResponse(request.error));
  },
});

/** Only requests through the site's distribution (in AWS); every answer with the API's headers. */
const throughSite = (): middy.MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2> => ({
  before: async (request) => {
    await assertThroughSite(request.event);
  },
  after: async (request: Request) => {
    if (request.response) request.response = withApiHeaders(request.response);
  },
});

/** Resolves the bearer token to its caller: no token, no further answer than 401. */
const bearerAuth = (access: Access): middy.MiddlewareObj<ApiEvent> => ({
  before: async (request) => {
    if (access !== 'public') request.event.caller = await authenticate(request.event);
  },
});

/**
 * Writes the metrics the use case recorded (shared/metrics.ts) once the answer is decided, an
 * error's included. Not Powertools' logMetrics: it would warn about every empty buffer, and most
 * requests record nothing (reads, re-sends, refused writes).
 */
const metricsFlushed = (): middy.MiddlewareObj<ApiEvent> => ({
  after: async () => flushMetrics(),
  onError: async () => flushMetrics(),
});

/** Checks the ids in the path before anything uses them (no traversal, no odd characters). */
const validPathIds = (): middy.MiddlewareObj<ApiEvent> => ({
  before: async (request) => {
    request.event.ids = pathIds(request.event);
  },
});

/** Checks the route's access rule for the caller and the ids in the path. */
const accessRule = (access: Access): middy.MiddlewareObj<ApiEvent> => ({
  before: async (request) => {
    if (request.event.caller) authorize(access, request.event.caller, request.event.ids);
  },
});

/**
 * An officer's request, once allowed, is the section's heartbeat: its last contact and the app's
 * version (`X-App-Version`) recorded, at most once a minute, never failing the request.
 */
const officerContact = (): middy.MiddlewareObj<ApiEvent> => ({
  before: async (request) => {
    const caller = request.event.caller;
    if (caller?.role === 'officer')
      await recordOfficerContact(caller.electionId, caller.sectionId, header(request.event, 'x-app-version'));
  },
});

/** Parses a JSON body within the size limits, inflated first when the route takes gzip. */
const jsonBody = (limits: BodyLimits): middy.MiddlewareObj<ApiEvent> => ({
  before: async (request) => {
    request.event.json = parseStrictJson(requestBodyText(request.event, limits));
  },
});

/**
 * An HTTP API function: logging, metrics, errors in the contract's shape, path ids checked, the caller
 * authenticated and authorized, the JSON body parsed; the handler then calls its use case. A
 * large answer goes out compressed when the client accepts it (compression.ts): `compressed`
 * comes first but one, so it is the last but one to see the answer, an error's included; the last
 * is the check of Lambda's 6 MB on what finally goes out (answer-limit.ts).
 */
export function api(options: { access: Access; body?: boolean | BodyLimits }, handler: Handler) {
  const chain = middy<ApiEvent, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(metricsFlushed())
    .use(withinLambdaAnswerLimit() as middy.MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2>)
    .use(compressed() as middy.MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2>)
    .use(contractErrors())
    .use(throughSite())
    .use(bearerAuth(options.access))
    .use(validPathIds())
    .use(accessRule(options.access))
    .use(officerContact());
  if (options.body) chain.use(jsonBody(options.body === true ? { maxBytes: MAX_BODY_BYTES } : options.body));
  // Lambda passes a plain HTTP API event; the middlewares above add ids, caller and json to it.
  return chain.handler(handler) as unknown as middy.MiddyfiedHandler<
    APIGatewayProxyEventV2,
    APIGatewayProxyStructuredResultV2
  >;
}

export type { Access, Caller };

/** The staff caller of a staff route (its role and scope), or a 403 for anyone else. */
export function staffCallerOf(event: ApiEvent): Extract<Caller, { role: 'staff' }> {
  const caller = event.caller;
  if (caller?.role !== 'staff') throw new ForbiddenError('this route is for staff');
  return caller;
}

/** The session of a staff account (sign-out, password change), or a 403 for any other token. */
export function sessionOf(event: ApiEvent) {
  const caller = staffCallerOf(event);
  if (!caller.account) throw new ForbiddenError('only a staff account signed in has a session');
  return { tokenHash: caller.tokenHash, credential: caller.credential, username: caller.account.username };
}
export { TOKEN_PATTERN } from './authenticate.js';

/**
 * Who is calling, as the history and the audit trail record it (routes that take a token): a
 * staff account's writes under its username, with the rev of the account they were allowed under.
 */
export function actorOf(event: ApiEvent): Actor {
  const caller = event.caller;
  if (!caller) throw new Error('actorOf is for routes that take a token');
  if (caller.role === 'officer')
    return { role: 'officer', credential: caller.credential, sectionId: caller.sectionId };
  return caller.account
    ? {
        role: 'staff',
        credential: caller.credential,
        username: caller.account.username,
        accountRev: caller.account.rev,
      }
    : { role: 'staff', credential: caller.credential };
}

/** `If-Match: "3"` (or `3`, or a weak `W/"3"`) as a version number. */
export function ifMatchVersion(event: APIGatewayProxyEventV2): number | undefined {
  const value = header(event, 'if-match');
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match?.[1])
    throw new ValidationError('If-Match must be a version number, e.g. "3"', [
      { path: ['If-Match'], message: value },
    ]);
  return Number(match[1]);
}
