import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

/** A trimmed, non-empty string of bounded length. */
export function IsText(maxLength: number, minLength = 1) {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(minLength),
    MaxLength(maxLength),
  );
}

/**
 * For a required field in a PATCH body: it may be left out, but not cleared with null. (IsOptional
 * lets null through, and the database would then refuse it with a less helpful answer.)
 */
export function Omittable() {
  return ValidateIf((_, value) => value !== undefined);
}

/** An admin unit's official code: digits only ("94", "947", "31234"). */
export function IsAdminUnitCode() {
  return applyDecorators(
    ApiProperty({ example: '947', description: 'Official code of an administrative unit' }),
    IsString(),
    Matches(/^[0-9]{1,10}$/, { message: '$property must be an official admin unit code (digits only)' }),
  );
}

/** An integer in a query string ("?floor=2"). */
export function QueryInt(min: number, max: number) {
  return applyDecorators(Type(() => Number), IsInt(), Min(min), Max(max));
}

/** A boolean in a query string: only "true" and "false" are accepted. */
export function QueryBoolean() {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
}

/** An ISO 8601 date-time with an explicit offset ("2021-08-01T08:00:00+07:00"), turned into a Date. */
export function IsIsoDateTime() {
  return applyDecorators(
    ApiProperty({ type: String, format: 'date-time', example: '2021-08-01T08:00:00+07:00' }),
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an ISO 8601 date-time' }),
    Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: '$property must include a time zone offset (e.g. +07:00 or Z)' }),
    Transform(({ value }) => value, { toClassOnly: true }),
  );
}

/** A calendar day "YYYY-MM-DD". */
export function IsCalendarDay() {
  return applyDecorators(
    ApiProperty({ type: String, format: 'date', example: '2021-08-01' }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
}

/**
 * Today's date where it is furthest ahead (UTC+14): a day or year after it is in the future for
 * everyone, whatever the client's time zone.
 */
function latestToday(): string {
  return new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);
}

/** A calendar day that is not in the future (dates of birth). */
export function NotInFuture() {
  return ValidateBy({
    name: 'notInFuture',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value <= latestToday(),
      defaultMessage: (args) => `${args?.property} cannot be in the future`,
    },
  });
}

/** A year that is not in the future (years of birth). */
export function NotAfterThisYear() {
  return ValidateBy({
    name: 'notAfterThisYear',
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || value <= Number(latestToday().slice(0, 4)),
      defaultMessage: (args) => `${args?.property} cannot be in the future`,
    },
  });
}
