import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode } from './error-codes';

export class FieldErrorResponse {
  @ApiProperty({ example: 'rooms.0.beds', description: 'The field, nested fields as a dotted path' })
  field!: string;

  @ApiProperty({ example: 'beds must not be greater than 500' })
  message!: string;
}

/** The body of every error answer (4xx and 5xx). */
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({
    enum: Object.values(ErrorCode),
    enumName: 'ErrorCode',
    example: ErrorCode.VALIDATION_FAILED,
    description: 'Stable and machine-readable: clients decide on this, never on the prose of `message`.',
  })
  code!: ErrorCode;

  @ApiProperty({ example: 'The request is not valid: beds must not be greater than 500.', description: 'One sentence for people' })
  message!: string;

  @ApiProperty({ example: 'Bad Request', description: 'The HTTP reason phrase' })
  error!: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'For VALIDATION_FAILED: one entry per field' })
  errors?: FieldErrorResponse[];
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorResponse' };
const COMMON: Record<string, string> = {
  '400': 'Invalid input (VALIDATION_FAILED with `errors`, MALFORMED_BODY, BODY_TOO_DEEP, …)',
  '413': 'The request body is too large (PAYLOAD_TOO_LARGE)',
  '415': 'Unsupported character set or content encoding (UNSUPPORTED_MEDIA_TYPE)',
  '500': 'Unexpected failure (INTERNAL_ERROR), without internals',
  '503': 'The database is not reachable right now (DATABASE_UNAVAILABLE)',
};

/**
 * Every error answer of every operation is documented with the one ErrorResponse body: the 4xx each
 * operation declares, the ones any operation can give, and 401/403 where a sign-in is required.
 */
export function documentErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const globalSecurity = (document.security ?? []).length > 0;
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method) || !operation?.responses) continue;
      const responses = operation.responses as Record<string, { description: string; content?: unknown }>;
      const secured = operation.security ? operation.security.length > 0 : globalSecurity;
      const wanted: Record<string, string> = { ...COMMON };
      if (secured) {
        wanted['401'] = 'No valid bearer token (UNAUTHENTICATED, SESSION_INVALID)';
        wanted['403'] = 'Role not allowed or outside your scope (ROLE_NOT_ALLOWED, OUT_OF_SCOPE)';
      }
      if (!operation.requestBody) {
        delete wanted['413'];
        delete wanted['415'];
      }
      for (const [status, description] of Object.entries(wanted)) responses[status] ??= { description };
      for (const [status, response] of Object.entries(responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content) response.content = { 'application/json': { schema: ERROR_REF } };
      }
    }
  }
  return document;
}
