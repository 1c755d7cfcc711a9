/** Shows only the last three characters of an identifier: "079123456789" → "*********789". */
export function maskTail(value: string | null): string | null {
  if (value === null) return null;
  const visible = Math.min(3, Math.floor(value.length / 3));
  return '*'.repeat(value.length - visible) + value.slice(value.length - visible);
}
