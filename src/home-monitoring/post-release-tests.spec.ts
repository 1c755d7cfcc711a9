import { postReleaseTestStates } from './post-release-tests';

describe('post-release tests', () => {
  it('is upcoming before day 7, due on it, overdue after it', () => {
    const at = (today: string) => postReleaseTestStates('2021-08-01', [7], [], today)[0].state;
    expect(at('2021-08-05')).toBe('upcoming');
    expect(at('2021-08-08')).toBe('due');
    expect(at('2021-08-09')).toBe('overdue');
  });

  it('counts a test from the day before the due date on, not earlier', () => {
    expect(postReleaseTestStates('2021-08-01', [7], ['2021-08-07'], '2021-08-09')[0]).toEqual({
      day: 7,
      dueDate: '2021-08-08',
      state: 'done',
      doneOn: '2021-08-07',
    });
    expect(postReleaseTestStates('2021-08-01', [7], ['2021-08-03'], '2021-08-09')[0].state).toBe('overdue');
  });

  it('follows each of several policy days', () => {
    const states = postReleaseTestStates('2021-08-01', [14, 7], ['2021-08-08'], '2021-08-10');
    expect(states.map((s) => `${s.day}:${s.state}`)).toEqual(['7:done', '14:upcoming']);
    const later = postReleaseTestStates('2021-08-01', [14, 7], ['2021-08-02', '2021-08-08', '2021-08-15'], '2021-08-16');
    expect(later.map((s) => s.doneOn)).toEqual(['2021-08-08', '2021-08-15']);
  });
});
