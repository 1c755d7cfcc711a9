import { cronInterval, isStale } from './staleness';

const tz = 'Asia/Ho_Chi_Minh';
const now = new Date('2021-08-01T05:07:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('job staleness', () => {
  it('measures a schedule’s interval', () => {
    expect(cronInterval('0 * * * *', tz, now)).toBe(3_600_000);
    expect(cronInterval('*/15 * * * *', tz, now)).toBe(900_000);
  });

  it('flags an hourly job that last succeeded over two hours ago', () => {
    expect(isStale('0 * * * *', tz, minutesAgo(121), minutesAgo(600), now)).toBe(true);
    expect(isStale('0 * * * *', tz, minutesAgo(119), minutesAgo(600), now)).toBe(false);
  });

  it('gives a job that never ran two intervals from the start of the service', () => {
    expect(isStale('*/15 * * * *', tz, null, minutesAgo(20), now)).toBe(false);
    expect(isStale('*/15 * * * *', tz, null, minutesAgo(31), now)).toBe(true);
  });
});
