import { DEFAULT_HEALTH_ROUNDS, parseHealthRounds, roundAt } from './health-rounds';

describe('health rounds', () => {
  it('reads the default morning and afternoon rounds', () => {
    const { rounds, problems } = parseHealthRounds(DEFAULT_HEALTH_ROUNDS);
    expect(problems).toEqual([]);
    expect(rounds).toEqual([
      { name: 'morning', startMinute: 360, endMinute: 720 },
      { name: 'afternoon', startMinute: 720, endMinute: 1080 },
    ]);
  });

  it('puts a time in the round whose window holds it, and none between rounds', () => {
    const { rounds } = parseHealthRounds(DEFAULT_HEALTH_ROUNDS);
    expect(roundAt(rounds, 6 * 60)?.name).toBe('morning');
    expect(roundAt(rounds, 11 * 60 + 59)?.name).toBe('morning');
    expect(roundAt(rounds, 12 * 60)?.name).toBe('afternoon');
    expect(roundAt(rounds, 18 * 60)).toBeNull();
    expect(roundAt(rounds, 5 * 60 + 59)).toBeNull();
  });

  it('sorts rounds by their start and accepts a third, evening round', () => {
    const { rounds, problems } = parseHealthRounds('evening=18:00-21:59, morning=06:00-11:59');
    expect(problems).toEqual([]);
    expect(rounds.map((r) => r.name)).toEqual(['morning', 'evening']);
  });

  it('lists every problem of a bad setting', () => {
    expect(parseHealthRounds('').problems).toEqual(['at least one round is needed']);
    expect(parseHealthRounds('morning=6-11').problems[0]).toMatch(/name=HH:MM-HH:MM/);
    expect(parseHealthRounds('morning=25:00-26:00').problems[0]).toMatch(/does not exist/);
    expect(parseHealthRounds('late=18:00-06:00').problems[0]).toMatch(/ends before it starts/);
    expect(parseHealthRounds('a=06:00-12:00,b=12:00-13:00').problems).toEqual(['rounds "a" and "b" overlap']);
    expect(parseHealthRounds('a=06:00-07:00,a=08:00-09:00').problems).toEqual(['round "a" is named twice']);
  });
});
