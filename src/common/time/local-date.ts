/**
 * Calendar days in a given time zone. Test days, cohorts and report dates are local days
 * (Asia/Ho_Chi_Minh by default), while instants are stored as timestamptz.
 */

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The last answer per time zone, by the minute it was asked for: a request asks "which day is it"
 * many times within one minute (validation, schedules, views), and formatting is the costly part. Every
 * time zone's offset is a whole number of minutes, so a minute never straddles two local days.
 */
const lastDays = new Map<string, { minute: number; day: string }>();

/** The local calendar day of an instant, written YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDays.get(timeZone);
  if (last?.minute === minute) return last.day;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  let year = '';
  let month = '';
  let dayOfMonth = '';
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') dayOfMonth = part.value;
  }
  const day = `${year}-${month}-${dayOfMonth}`;
  lastDays.set(timeZone, { minute, day });
  return day;
}

/** The day `days` after a YYYY-MM-DD day (negative goes back). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** One formatter per time zone for the local time of day. */
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight of an instant, in the given time zone (0–1439). */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return hour * 60 + minute;
}
