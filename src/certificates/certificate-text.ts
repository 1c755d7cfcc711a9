/** Pure helpers for what a certificate says: dates, initials, and the Vietnamese words for values. */

/** "2021-08-15" → "15/08/2021", as dates are written on Vietnamese documents. */
export function vnDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** "2021-08-15" → "ngày 15 tháng 08 năm 2021", as in the place-and-date line of an official document. */
export function vnLongDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/**
 * Initials of a Vietnamese name, family name first and given name last: "Nguyễn Văn An" → "N. V. A.".
 * Letters keep their diacritics ("Đặng Thị Ánh" → "Đ. T. Á."), upper-cased.
 */
export function initials(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${[...part][0].toLocaleUpperCase('vi')}.`)
    .join(' ');
}

/** An admin unit's name without its level, for the place line: "Huyện Mỹ Xuyên" → "Mỹ Xuyên". */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn)\s+/u, '');
}

export const SEX_VI: Record<string, string> = { male: 'Nam', female: 'Nữ' };
export const TEST_KIND_VI: Record<string, string> = { rt_pcr: 'RT-PCR', rapid_antigen: 'Test nhanh kháng nguyên' };
export const RESULT_VI: Record<string, string> = { negative: 'Âm tính', positive: 'Dương tính', pending: 'Chưa có kết quả' };
