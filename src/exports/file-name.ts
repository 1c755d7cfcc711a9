/**
 * A Content-Disposition header for a download whose name may hold Vietnamese letters: an ASCII
 * fallback in `filename` (diacritics dropped, đ → d) for old clients, and the exact name in
 * `filename*` as RFC 5987 / RFC 6266 describe (UTF-8, percent-encoded).
 */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** The name without diacritics, and without anything that would break the quoted string. */
export function asciiFallback(fileName: string): string {
  return fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

/** RFC 5987 value-chars: percent-encode all but attr-char (ALPHA / DIGIT / "!#$&+-.^_`|~"). */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
