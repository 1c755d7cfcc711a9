import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills in the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/cachly');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.TZ_DEFAULT).toBe('Asia/Ho_Chi_Minh');
    expect(env.JWT_SECRET).toBeDefined();
  });

  it('converts numbers given as strings', () => {
    expect(validateEnvironment({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('gives a stopping process ten seconds by default, and refuses a deadline that is not a positive whole number', () => {
    expect(validateEnvironment({}).SHUTDOWN_TIMEOUT_SECONDS).toBe(10);
    expect(validateEnvironment({ SHUTDOWN_TIMEOUT_SECONDS: '30' }).SHUTDOWN_TIMEOUT_SECONDS).toBe(30);
    expect(() => validateEnvironment({ SHUTDOWN_TIMEOUT_SECONDS: '0' })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
    expect(() => validateEnvironment({ SHUTDOWN_TIMEOUT_SECONDS: 'soon' })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
  });

  it('lists every problem at once', () => {
    expect(() => validateEnvironment({ PORT: 'abc', TZ_DEFAULT: 'Mars/Olympus', REDIS_URL: 'http://x' })).toThrow(
      /PORT[\s\S]*TZ_DEFAULT[\s\S]*REDIS_URL/,
    );
  });

  it('refuses to start in production without a secret and a first admin', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required[\s\S]*ADMIN_USERNAME is required[\s\S]*ADMIN_PASSWORD is required/,
    );
  });

  it('reads the health rounds and alert thresholds, and refuses rounds that overlap', () => {
    const env = validateEnvironment({});
    expect(env.HEALTH_ROUNDS).toBe('morning=06:00-11:59,afternoon=12:00-17:59');
    expect(env.FEVER_THRESHOLD_C).toBe(38);
    expect(env.LOW_SPO2_THRESHOLD).toBe(94);
    expect(validateEnvironment({ FEVER_THRESHOLD_C: '37.5' }).FEVER_THRESHOLD_C).toBe(37.5);
    expect(() => validateEnvironment({ HEALTH_ROUNDS: 'morning=06:00-12:30,afternoon=12:00-17:59' })).toThrow(
      /HEALTH_ROUNDS .*overlap/,
    );
    expect(() => validateEnvironment({ FEVER_THRESHOLD_C: 'hot' })).toThrow(/FEVER_THRESHOLD_C/);
  });

  it('refuses a short secret', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('refuses a schedule that is not a five-field cron expression', () => {
    expect(() => validateEnvironment({ JOB_CRON_FLAG_TESTS: 'every hour' })).toThrow(/JOB_CRON_FLAG_TESTS "every hour"/);
    expect(() => validateEnvironment({ JOB_CRON_FLAG_CAPACITY: '61 * * * *' })).toThrow(/JOB_CRON_FLAG_CAPACITY/);
    expect(validateEnvironment({ JOB_CRON_FLAG_TESTS: '30 6 * * *' }).JOB_CRON_FLAG_TESTS).toBe('30 6 * * *');
    expect(() => validateEnvironment({ JOB_CRON_FLAG_TESTS: '*/5 * * * * *' })).toThrow(/five fields/);
    expect(validateEnvironment({ NODE_ENV: 'test', JOB_CRON_FLAG_TESTS: '*/5 * * * * *' }).JOB_CRON_FLAG_TESTS).toBe('*/5 * * * * *');
  });

  it('reads whether a positive result restarts the roommates’ period, true unless said otherwise', () => {
    expect(validateEnvironment({}).REEXPOSURE_RESTARTS_PERIOD).toBe(true);
    expect(validateEnvironment({ REEXPOSURE_RESTARTS_PERIOD: 'false' }).REEXPOSURE_RESTARTS_PERIOD).toBe(false);
    expect(validateEnvironment({ REEXPOSURE_RESTARTS_PERIOD: '1' }).REEXPOSURE_RESTARTS_PERIOD).toBe(true);
    expect(() => validateEnvironment({ REEXPOSURE_RESTARTS_PERIOD: 'maybe' })).toThrow(/REEXPOSURE_RESTARTS_PERIOD must be true or false/);
  });
});
