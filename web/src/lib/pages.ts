/** Fetches every page of a list endpoint (200 at a time, the API's largest page). */
export async function allPages<T>(fetchPage: (page: number, limit: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const limit = 200;
  const first = await fetchPage(1, limit);
  const items = [...first.items];
  const pages = Math.ceil(first.total / limit);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => fetchPage(i + 2, limit)));
  for (const page of rest) items.push(...page.items);
  return items;
}

/** Whole days from a local calendar day (YYYY-MM-DD) to another, plus one: the day number of a cohort. */
export function dayNumber(fromDay: string, today: string): number {
  const a = Date.UTC(+fromDay.slice(0, 4), +fromDay.slice(5, 7) - 1, +fromDay.slice(8, 10));
  const b = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  return Math.round((b - a) / 86_400_000) + 1;
}
