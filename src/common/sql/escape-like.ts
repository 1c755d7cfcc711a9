/** Escapes % and _ so a search term matches literally inside LIKE / ILIKE. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
