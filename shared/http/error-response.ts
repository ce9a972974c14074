import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as errors from '../errors.js';
import { logger } from '../logger.js';
import { jsonResponse } from './json-response.js';

/** The one place where failures become HTTP statuses. */
const STATUS_BY_ERROR = new Map<abstract new (...args: never[]) => errors.AppError, number>([
  [errors.ValidationError, 400],
  [errors.InvalidJsonError, 400],
  [errors.InvalidContentEncodingError, 400],
  [errors.UnauthorizedError, 401],
  [errors.ForbiddenError, 403],
  [errors.ElectionNotFoundError, 404],
  [errors.SectionNotFoundError, 404],
  [errors.RouteNotFoundError, 404],
  [errors.JobNotFoundError, 404],
  [errors.MessageNotFoundError, 404],
  [errors.StaffAccountNotFoundError, 404],
  [errors.AlreadyApprovedError, 409],
  [errors.ElectionInUseError, 409],
  [errors.ElectionCertifiedError, 409],
  [errors.ConcurrentWriteError, 409],
  [errors.NotFlaggedError, 409],
  [errors.NotReportedError, 409],
  [errors.SheetNotReadyError, 409],
  [errors.RunoffNotDueError, 409],
  [errors.RunoffAlreadyDefinedError, 409],
  [errors.SheetExpiredError, 410],
  [errors.VersionMismatchError, 412],
  [errors.PayloadTooLargeError, 413],
  [errors.UnsupportedMediaTypeError, 415],
  [errors.UnsupportedContentEncodingError, 415],
  [errors.TooManySectionsError, 422],
  [errors.IdempotencyKeyReusedError, 422],
  [errors.FirstRoundNotFoundError, 422],
  [errors.RunoffMismatchError, 422],
  [errors.RateLimitedError, 429],
  [errors.AnswerTooLargeError, 500],
  [errors.DefinitionIncompleteError, 503],
]);

export function statusOf(error: errors.AppError): number {
  for (const [type, status] of STATUS_BY_ERROR) if (error instanceof type) return status;
  return 500;
}

/** The contract's error shape: `{ error: { code, message, details } }`. */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof errors.AppError) {
    const status = statusOf(error);
    const headers: Record<string, string> =
      status === 401
        ? { 'www-authenticate': 'Bearer' }
        : error instanceof errors.RateLimitedError
          ? { 'retry-after': String(error.retryAfterSeconds) }
          : error instanceof errors.UnsupportedContentEncodingError
            ? { 'accept-encoding': error.accepted }
            : error instanceof errors.DefinitionIncompleteError
              ? { 'retry-after': '1' }
              : {};
    return jsonResponse(
      status,
      { error: { code: error.code, message: error.message, details: error.details } },
      headers,
    );
  }
  logger.error('unexpected failure', error as Error);
  return jsonResponse(500, {
    error: { code: 'INTERNAL', message: 'something went wrong on our side; try again', details: [] },
  });
}
