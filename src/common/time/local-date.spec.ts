import { addDays, daysBetween, localDay, localMinuteOfDay } from './local-date';

describe('local days', () => {
  const tz = 'Asia/Ho_Chi_Minh';

  it('puts an evening in UTC on the next local day in Vietnam', () => {
    expect(localDay(new Date('2021-08-01T18:30:00Z'), tz)).toBe('2021-08-02');
    expect(localDay(new Date('2021-08-01T16:59:59Z'), tz)).toBe('2021-08-01');
  });

  it('changes day at local midnight to the millisecond, whatever was asked just before', () => {
    expect(localDay(new Date('2021-08-01T16:59:59.999Z'), tz)).toBe('2021-08-01');
    expect(localDay(new Date('2021-08-01T17:00:00.000Z'), tz)).toBe('2021-08-02');
    expect(localDay(new Date('2021-08-01T16:59:00.000Z'), tz)).toBe('2021-08-01');
    // The same instant in another zone, asked in between, does not mix the answers up.
    expect(localDay(new Date('2021-08-01T16:59:30.000Z'), 'UTC')).toBe('2021-08-01');
    expect(localDay(new Date('2021-08-01T17:00:30.000Z'), 'America/Los_Angeles')).toBe('2021-08-01');
    expect(localDay(new Date('2021-08-01T17:00:30.000Z'), tz)).toBe('2021-08-02');
  });

  it('adds days across month ends', () => {
    expect(addDays('2021-08-25', 13)).toBe('2021-09-07');
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
  });

  it('counts days between two days', () => {
    expect(daysBetween('2021-08-01', '2021-08-14')).toBe(13);
  });

  it('gives the local time of day in minutes', () => {
    expect(localMinuteOfDay(new Date('2021-08-01T23:15:00Z'), tz)).toBe(6 * 60 + 15);
    expect(localMinuteOfDay(new Date('2021-08-01T17:00:00Z'), tz)).toBe(0);
  });
});
