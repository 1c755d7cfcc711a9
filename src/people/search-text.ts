/**
 * Lower-case text without Vietnamese diacritics, so "nguyen van a" finds "Nguyễn Văn A".
 * NFD splits letters from their marks; đ/Đ is a letter of its own and is mapped by hand.
 */
export function searchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Digits only, for comparing phone numbers written with spaces or dots. */
export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}
