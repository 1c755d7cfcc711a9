import { formatLocal, formatWindow, localTimeOn } from './local-time';

const VN = 'Asia/Ho_Chi_Minh';

describe('local time', () => {
  it('shows an instant in Vietnamese wall-clock time with its offset', () => {
    expect(formatLocal(new Date('2021-08-01T01:00:00Z'), VN)).toBe('2021-08-01 08:00 +07:00');
    expect(formatLocal(new Date('2021-08-01T20:30:00Z'), VN)).toBe('2021-08-02 03:30 +07:00');
    expect(formatLocal(new Date('2021-08-01T20:30:00Z'), 'UTC')).toBe('2021-08-01 20:30 +00:00');
  });

  it('describes a window', () => {
    expect(formatWindow(new Date('2021-08-01T00:00:00Z'), new Date('2021-08-01T12:00:00Z'), VN)).toBe(
      'from 2021-08-01 07:00 +07:00 to 2021-08-01 19:00 +07:00',
    );
  });

  it('finds 07:00 local on the local day of an instant', () => {
    // 23:00 UTC on 1 August is already 06:00 on 2 August in Vietnam.
    expect(localTimeOn(new Date('2021-08-01T23:00:00Z'), 7, VN).toISOString()).toBe('2021-08-02T00:00:00.000Z');
    expect(localTimeOn(new Date('2021-08-01T10:00:00Z'), 19, VN).toISOString()).toBe('2021-08-01T12:00:00.000Z');
  });
});
