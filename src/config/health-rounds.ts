/**
 * Health rounds (vòng kiểm tra sức khỏe): named windows of local time in which temperature and
 * symptoms are checked, at least twice a day (Bộ Y tế 344/QĐ-BYT, then 878/QĐ-BYT). A window runs
 * from its start minute to its end minute inclusive: "06:00-11:59" is [06:00, 12:00) local time.
 */
export interface HealthRound {
  name: string;
  /** Minutes after local midnight of the first minute of the window. */
  startMinute: number;
  /** Minutes after local midnight of the minute after the window (exclusive end). */
  endMinute: number;
}

export const DEFAULT_HEALTH_ROUNDS = 'morning=06:00-11:59,afternoon=12:00-17:59';

const ROUND = /^([a-z][a-z0-9_]{0,19})=(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/**
 * Parses "name=HH:MM-HH:MM,…" into rounds sorted by start, or lists what is wrong with it: names
 * unique (lower case, up to 20 characters), times real, each window ending after it starts, within
 * one day, and no two windows overlapping.
 */
export function parseHealthRounds(value: string): { rounds: HealthRound[]; problems: string[] } {
  const problems: string[] = [];
  const rounds: HealthRound[] = [];
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) problems.push('at least one round is needed');
  for (const part of parts) {
    const m = ROUND.exec(part);
    if (!m) {
      problems.push(`"${part}" is not written name=HH:MM-HH:MM (name in lower case)`);
      continue;
    }
    const [, name, sh, sm, eh, em] = m;
    const start = Number(sh) * 60 + Number(sm);
    const last = Number(eh) * 60 + Number(em);
    if (Number(sh) > 23 || Number(sm) > 59 || Number(eh) > 23 || Number(em) > 59) {
      problems.push(`"${part}" has a time that does not exist`);
      continue;
    }
    if (last < start) {
      problems.push(`"${part}" ends before it starts (a round lies within one day)`);
      continue;
    }
    if (rounds.some((r) => r.name === name)) problems.push(`round "${name}" is named twice`);
    rounds.push({ name, startMinute: start, endMinute: last + 1 });
  }
  rounds.sort((a, b) => a.startMinute - b.startMinute);
  for (let i = 1; i < rounds.length; i++) {
    if (rounds[i].startMinute < rounds[i - 1].endMinute) {
      problems.push(`rounds "${rounds[i - 1].name}" and "${rounds[i].name}" overlap`);
    }
  }
  return { rounds: problems.length ? [] : rounds, problems };
}

/** The round a local time of day (minutes after midnight) falls in, or null between rounds. */
export function roundAt(rounds: readonly HealthRound[], minuteOfDay: number): HealthRound | null {
  return rounds.find((r) => minuteOfDay >= r.startMinute && minuteOfDay < r.endMinute) ?? null;
}

/** "06:00" for 360. */
export function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
