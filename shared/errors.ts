/**
 * One error class per failure. Each carries the stable code of docs/interface.md (Errors); the HTTP
 * layer maps the class to a status in one place (shared/http/error-response.ts).
 */
export interface ErrorDetail {
  path?: (string | number)[];
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION_FAILED';
}
export class InvalidJsonError extends AppError {
  readonly code = 'INVALID_JSON';
}
export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}
/** A body whose content coding the route takes, but whose bytes do not decode (bad or truncated gzip). */
export class InvalidContentEncodingError extends AppError {
  readonly code = 'INVALID_CONTENT_ENCODING';
}
/** A body in a content coding the route does not take; the answer names the one it does. */
export class UnsupportedContentEncodingError extends AppError {
  readonly code = 'UNSUPPORTED_CONTENT_ENCODING';
  constructor(
    message: string,
    /** The coding the route takes, for the answer's Accept-Encoding (RFC 9110, section 12.5.3). */
    readonly accepted: string,
  ) {
    super(message);
  }
}
export class PayloadTooLargeError extends AppError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}
export class UnauthorizedError extends AppError {
  readonly code = 'UNAUTHORIZED';
}
export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}
export class ElectionNotFoundError extends AppError {
  readonly code = 'ELECTION_NOT_FOUND';
}
export class SectionNotFoundError extends AppError {
  readonly code = 'SECTION_NOT_FOUND';
}
export class ElectionInUseError extends AppError {
  readonly code = 'ELECTION_IN_USE';
}
export class ElectionCertifiedError extends AppError {
  readonly code = 'ELECTION_CERTIFIED';
}
export class VersionMismatchError extends AppError {
  readonly code = 'VERSION_MISMATCH';
}
export class ConcurrentWriteError extends AppError {
  readonly code = 'CONCURRENT_WRITE';
}
export class NotFlaggedError extends AppError {
  readonly code = 'NOT_FLAGGED';
}
export class NotReportedError extends AppError {
  readonly code = 'NOT_REPORTED';
}
/** More sections than one request takes: a job (or the terminal) does it instead. */
export class TooManySectionsError extends AppError {
  readonly code = 'TOO_MANY_SECTIONS';
}
export class JobNotFoundError extends AppError {
  readonly code = 'JOB_NOT_FOUND';
}
/** An acknowledgement of a staff message the election does not have. */
export class MessageNotFoundError extends AppError {
  readonly code = 'MESSAGE_NOT_FOUND';
}
/** The same Idempotency-Key again with another request: a new key starts another job. */
export class IdempotencyKeyReusedError extends AppError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
}
/** A job's sheet asked for before the job is done (or of a job that issues none). */
export class SheetNotReadyError extends AppError {
  readonly code = 'SHEET_NOT_READY';
}
/** A job's sheet asked for after its short life: the codes are gone; issue them again. */
export class SheetExpiredError extends AppError {
  readonly code = 'SHEET_EXPIRED';
}
/** An answer over Lambda's 6 MB, which AWS would not deliver. */
export class AnswerTooLargeError extends AppError {
  readonly code = 'ANSWER_TOO_LARGE';
}
/** A definition whose sections were not all stored in one request's time: the same PUT again finishes it. */
export class DefinitionIncompleteError extends AppError {
  readonly code = 'DEFINITION_INCOMPLETE';
}
export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    /** Seconds until the client may try again. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
export class StaffAccountNotFoundError extends AppError {
  readonly code = 'STAFF_NOT_FOUND';
}
/** The same supervisor's second approval of a certification that needs two different ones. */
export class AlreadyApprovedError extends AppError {
  readonly code = 'ALREADY_APPROVED';
}
/** A run-off's `firstRound` names no election. */
export class FirstRoundNotFoundError extends AppError {
  readonly code = 'FIRST_ROUND_NOT_FOUND';
}
/** A run-off whose first round cannot have one, or whose summary does not say run-off between these two. */
export class RunoffNotDueError extends AppError {
  readonly code = 'RUNOFF_NOT_DUE';
}
/** A run-off whose sections, municipality or lists do not follow from its first round. */
export class RunoffMismatchError extends AppError {
  readonly code = 'RUNOFF_MISMATCH';
}
/** A first round that already has another run-off. */
export class RunoffAlreadyDefinedError extends AppError {
  readonly code = 'RUNOFF_ALREADY_DEFINED';
}
export class RouteNotFoundError extends AppError {
  readonly code = 'ROUTE_NOT_FOUND';
}
