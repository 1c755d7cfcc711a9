import type { Lang } from '../i18n';

/** Dates and times as the camps read them: Asia/Ho_Chi_Minh, dd/mm/yyyy, 24-hour clock. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `d:${lang}:${withTime}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      new Intl.DateTimeFormat(LOCALE[lang], {
        timeZone: TIME_ZONE,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      }),
    );
  }
  return cache.get(key) as Intl.DateTimeFormat;
}

function parts(value: string | Date, lang: Lang, withTime: boolean): Record<string, string> {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Object.fromEntries(dateFormat(lang, withTime).formatToParts(date).map((p) => [p.type, p.value]));
}

/** 30/11/2026 */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return '—';
  // A calendar day (YYYY-MM-DD) is already a local date: no time-zone shift.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = parts(value, lang, false);
  return `${p.day}/${p.month}/${p.year}`;
}

/** 14:05 30/11/2026 */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const p = parts(value, lang, true);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** Today's calendar day in Asia/Ho_Chi_Minh, as the API writes days: YYYY-MM-DD. */
export function todayLocal(now: Date = new Date()): string {
  const p = parts(now, 'en', false);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A calendar day (YYYY-MM-DD) moved by n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 1.234 in Vietnamese, 1,234 in English. */
export function formatNumber(value: number | null | undefined, lang: Lang, fractionDigits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const key = `n:${lang}:${fractionDigits}`;
  if (!cache.has(key)) {
    cache.set(key, new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }));
  }
  return (cache.get(key) as Intl.NumberFormat).format(value);
}

/** 87 % (Vietnamese writes a space before the sign; 0.873 → "87,3 %"). */
export function formatPercent(rate: number, lang: Lang): string {
  return `${formatNumber(rate * 100, lang, rate > 0 && rate < 0.1 ? 1 : 0)} %`;
}

/**
 * A local day and a clock time (HH:MM) in Asia/Ho_Chi_Minh as an instant the API reads. Vietnam keeps
 * UTC+07:00 all year (no daylight saving), so the offset is fixed.
 */
export function localDateTimeToIso(day: string, time: string): string {
  return new Date(`${day}T${time}:00+07:00`).toISOString();
}
