import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '../errors/error-codes';

/** One problem with one field of a request; nested fields are written as dotted paths ("rooms.0.beds"). */
export interface FieldError {
  field: string;
  message: string;
}

/** Flattens class-validator's tree of errors into one entry per field, in the order they were found. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    return [
      ...(own.length > 0 ? [{ field, message: own.join('; ') }] : []),
      ...fieldErrors(error.children ?? [], field),
    ];
  });
}

/** The standard 400 for invalid input: `code`, one sentence in `message`, and the list in `errors`. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  const message =
    errors.length === 0
      ? 'The request is not valid.'
      : `The request is not valid: ${errors.map((e) => e.message).join('; ')}.`;
  return new BadRequestException({ code: ErrorCode.VALIDATION_FAILED, message, errors });
}

/** The one validation pipe: unknown fields are refused, values are converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldErrors(errors)),
  });
}
