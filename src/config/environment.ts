import { parseExpression } from 'cron-parser';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { DEFAULT_HEALTH_ROUNDS, parseHealthRounds } from './health-rounds';

/**
 * Every setting the service reads from its environment, with its default. The service refuses to
 * start when a value is invalid, and lists everything that is wrong at once.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Transform(({ value }) => String(value).trim())
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cachly';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /**
   * Port of the Prometheus metrics endpoint (GET /metrics), served apart from the public port so it
   * never leaks through it. Unset: no metrics endpoint; 0: any free port (tests).
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key the service writes (queues included), so deployments can share a Redis. */
  @IsString()
  REDIS_PREFIX = 'cachly';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  JWT_EXPIRES_IN_SECONDS = 8 * 3600;

  @IsOptional()
  @IsString()
  @MinLength(3)
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters long' })
  ADMIN_PASSWORD?: string;

  @IsString()
  TZ_DEFAULT = 'Asia/Ho_Chi_Minh';

  /** Whether a positive result restarts the quarantine period of the people sharing the room. */
  @Transform(({ value }) => (['true', '1'].includes(String(value)) ? true : ['false', '0'].includes(String(value)) ? false : value))
  @IsBoolean({ message: 'REEXPOSURE_RESTARTS_PERIOD must be true or false' })
  REEXPOSURE_RESTARTS_PERIOD = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Where the JSON log lines go: standard output when unset, else this file (appended to). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  LOG_FILE?: string;

  /** Login attempts allowed per client address and username within LOGIN_RATE_WINDOW_SECONDS. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  /** Login attempts allowed per client address, whatever the usernames, within LOGIN_RATE_WINDOW_SECONDS. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_RATE_LIMIT = 30;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  MIGRATIONS_RUN = true;

  /** Where the public reaches this service: the base of the verification URL in a certificate's QR code. */
  @IsString()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Certificate checks (the public QR-code endpoint) allowed per client address per minute. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  CERTIFICATE_VERIFY_RATE_LIMIT = 60;

  /** On SIGTERM, how long requests in flight and running jobs get before the process exits anyway. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(600)
  SHUTDOWN_TIMEOUT_SECONDS = 10;

  // Schedules of the flag jobs: cron expressions in TZ_DEFAULT local time.
  @IsString()
  JOB_CRON_FLAG_TESTS = '0 * * * *';

  @IsString()
  JOB_CRON_FLAG_OVERDUE_RELEASES = '*/15 * * * *';

  @IsString()
  JOB_CRON_FLAG_CAPACITY = '*/15 * * * *';

  @IsString()
  JOB_CRON_FLAG_STAFFING = '*/15 * * * *';

  /** Compares the running bed counts with the beds (capacity_counts_mismatch). */
  @IsString()
  JOB_CRON_FLAG_CAPACITY_COUNTS = '7 * * * *';

  @IsString()
  JOB_CRON_FLAG_HEALTH_CHECKS = '*/15 * * * *';

  @IsString()
  JOB_CRON_FLAG_HOME_MONITORING = '0 * * * *';

  /** Removes the files of exports older than EXPORT_TTL_HOURS. */
  @IsString()
  JOB_CRON_EXPORTS_CLEANUP = '7 * * * *';

  /** How long an export's file can be downloaded. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  EXPORT_TTL_HOURS = 24;

  /** How often the service checks that the repeatable jobs are still registered in Redis. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5)
  JOBS_RECONCILE_INTERVAL_SECONDS = 60;

  /** Turns the scheduler off (e.g. for a one-off script); the API and manual runs still work. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  JOBS_SCHEDULER_ENABLED = true;

  /** Occupancy (0–1) from which a facility raises capacity_high. */
  @Transform(({ value }) => Number(value))
  @IsNumber()
  @Min(0.01)
  @Max(1)
  CAPACITY_HIGH_THRESHOLD = 0.9;

  /**
   * Health rounds in TZ_DEFAULT local time, "name=HH:MM-HH:MM" separated by commas, both minutes
   * inclusive. A check belongs to the round its time falls in; a round without a check for an open
   * stay raises health_check_missed once it has ended.
   */
  @IsString()
  HEALTH_ROUNDS = DEFAULT_HEALTH_ROUNDS;

  /** Temperature (°C) from which a health check raises a fever alert. */
  @Transform(({ value }) => Number(value))
  @IsNumber()
  @Min(36)
  @Max(42)
  FEVER_THRESHOLD_C = 38.0;

  /** SpO2 (%) below which a health check raises a low_spo2 alert. */
  @Transform(({ value }) => Number(value))
  @IsNumber()
  @Min(50)
  @Max(100)
  LOW_SPO2_THRESHOLD = 94;
}

export const CRON_SETTINGS = [
  'JOB_CRON_FLAG_TESTS',
  'JOB_CRON_FLAG_OVERDUE_RELEASES',
  'JOB_CRON_FLAG_CAPACITY',
  'JOB_CRON_FLAG_STAFFING',
  'JOB_CRON_FLAG_CAPACITY_COUNTS',
  'JOB_CRON_FLAG_HEALTH_CHECKS',
  'JOB_CRON_FLAG_HOME_MONITORING',
  'JOB_CRON_EXPORTS_CLEANUP',
] as const;

const DEV_JWT_SECRET = 'development-only-secret-never-use-in-production';

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((msg) => `${msg} (${e.property})`));
}

/** Used by ConfigModule: returns the typed, defaulted environment or throws with every problem listed. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const problems = describe(validateSync(env, { skipMissingProperties: false }));

  if (!isValidTimeZone(env.TZ_DEFAULT)) problems.push(`TZ_DEFAULT "${env.TZ_DEFAULT}" is not a known time zone`);
  if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) problems.push('DATABASE_URL must be a postgres:// URL');
  if (!/^rediss?:\/\//.test(env.REDIS_URL)) problems.push('REDIS_URL must be a redis:// URL');
  for (const key of CRON_SETTINGS) {
    // Tests may schedule by the second (six fields) to see several ticks in a few seconds.
    const problem = cronProblem(env[key], env.TZ_DEFAULT, env.NODE_ENV === 'test');
    if (problem) problems.push(`${key} "${env[key]}" is not a valid cron expression: ${problem}`);
  }

  const rounds = parseHealthRounds(env.HEALTH_ROUNDS);
  for (const problem of rounds.problems) problems.push(`HEALTH_ROUNDS "${env.HEALTH_ROUNDS}": ${problem}`);

  if (env.NODE_ENV === 'production') {
    for (const key of ['JWT_SECRET', 'ADMIN_USERNAME', 'ADMIN_PASSWORD'] as const) {
      if (!env[key]) problems.push(`${key} is required in production`);
    }
  } else {
    env.JWT_SECRET ??= DEV_JWT_SECRET;
  }

  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}

/** Why a cron expression is unusable, or null; five fields (minute precision), or six (seconds first) in tests. */
export function cronProblem(expression: string, tz: string, allowSeconds = false): string | null {
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && !(allowSeconds && fields === 6)) return 'use five fields: minute hour day month weekday';
  try {
    parseExpression(expression, { tz });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
