/** Times in messages are shown as people on site read them: local wall-clock time with its offset. */
export function formatLocal(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${offset}`;
}

/** "from 2021-08-01 07:00 +07:00 to 2021-08-01 19:00 +07:00" */
export function formatWindow(from: Date, to: Date, timeZone: string): string {
  return `from ${formatLocal(from, timeZone)} to ${formatLocal(to, timeZone)}`;
}

/**
 * The instant a local wall-clock time falls on, e.g. 07:00 in Asia/Ho_Chi_Minh on a given day.
 * Exact for zones without daylight saving time (all of Vietnam), good to the hour elsewhere.
 */
export function localTimeOn(day: Date, hour: number, timeZone: string): Date {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(day)
    .split('-')
    .map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d, hour));
  return new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000);
}

function offsetMinutes(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
