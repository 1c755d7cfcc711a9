import { HttpStatus } from '@nestjs/common';

/**
 * Stable, machine-readable error codes: clients and tests match on these, never on the prose.
 * Throw them with Nest's exceptions, e.g. `throw new ConflictException({ code: ErrorCode.BED_TAKEN,
 * message: 'That bed is taken.' })`. An exception without a code gets the default of its status.
 * Add a feature's codes here, one line each, so the OpenAPI document can list them all.
 */
export const ErrorCode = {
  // Defaults per status
  BAD_REQUEST: 'BAD_REQUEST',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RULE_REFUSED: 'RULE_REFUSED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  // Access
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  CSRF_FAILED: 'CSRF_FAILED',
  // Stays and beds
  BED_TAKEN: 'BED_TAKEN',
  PERSON_HAS_OPEN_STAY: 'PERSON_HAS_OPEN_STAY',
  PERSON_ALREADY_REGISTERED: 'PERSON_ALREADY_REGISTERED',
  STAY_RELEASED: 'STAY_RELEASED',
  CONCURRENT_CHANGE: 'CONCURRENT_CHANGE',
  // Reports
  REPORT_DATE_IN_FUTURE: 'REPORT_DATE_IN_FUTURE',
  REPORT_RANGE_INVALID: 'REPORT_RANGE_INVALID',
  REPORT_RANGE_TOO_LONG: 'REPORT_RANGE_TOO_LONG',
  // Idempotency
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_FLIGHT: 'IDEMPOTENCY_IN_FLIGHT',
  // Jobs
  JOB_NOT_RUNNABLE_BY_HAND: 'JOB_NOT_RUNNABLE_BY_HAND',
  // Exports
  EXPORT_KIND_UNAVAILABLE: 'EXPORT_KIND_UNAVAILABLE',
  EXPORT_NOT_READY: 'EXPORT_NOT_READY',
  EXPORT_EXPIRED: 'EXPORT_EXPIRED',
  PERSONAL_DATA_ADMIN_ONLY: 'PERSONAL_DATA_ADMIN_ONLY',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const DEFAULT_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_REQUEST,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  [HttpStatus.UNPROCESSABLE_ENTITY]: ErrorCode.RULE_REFUSED,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_REQUESTS,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.SERVICE_UNAVAILABLE,
};

/** The code an error of this status carries when whoever threw it named none. */
export function defaultErrorCode(status: number): ErrorCode {
  return DEFAULT_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST);
}
