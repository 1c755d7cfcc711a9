import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** The longest window a single assignment or deployment may span. */
export const MAX_WINDOW_DAYS = 366;

function instant(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/**
 * The end of a time window: later than `startProperty`, and at most MAX_WINDOW_DAYS after it.
 * Checked only when both ends parse; their own format errors are reported by their own decorators.
 */
export function IsWindowEnd(startProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isWindowEnd',
      target: target.constructor,
      propertyName,
      constraints: [startProperty],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const end = instant(value);
          const start = instant((args.object as Record<string, unknown>)[startProperty]);
          if (Number.isNaN(end) || Number.isNaN(start)) return true;
          return end > start && end - start <= MAX_WINDOW_DAYS * 86_400_000;
        },
        defaultMessage(args: ValidationArguments): string {
          const end = instant(args.value);
          const start = instant((args.object as Record<string, unknown>)[startProperty]);
          return end <= start
            ? `${args.property} must be later than ${startProperty}`
            : `${args.property} must be at most ${MAX_WINDOW_DAYS} days after ${startProperty}`;
        },
      },
    });
}
