import { addDays } from '../common/time/local-date';
import { postReleaseTestDates } from '../stays/schedule';

export type PostReleaseTestState = 'upcoming' | 'due' | 'overdue' | 'done';

export interface PostReleaseTest {
  /** Day N after the release day. */
  day: number;
  dueDate: string;
  state: PostReleaseTestState;
  /** The local day of the test check that fulfilled it. */
  doneOn: string | null;
}

/**
 * Where each post-release test of a person at home stands on local day `today`, given the local days
 * of the committee's checks that recorded a test result. A test counts for day N when taken on its due
 * date or later, or the day before (a sample taken the evening before a Sunday is common). The
 * flag-home-monitoring job applies the same rule in SQL.
 */
export function postReleaseTestStates(
  releaseDay: string,
  postReleaseTestDays: readonly number[],
  testedOn: readonly string[],
  today: string,
): PostReleaseTest[] {
  const sorted = [...testedOn].sort();
  return postReleaseTestDates(releaseDay, postReleaseTestDays).map(({ day, dueDate }) => {
    const doneOn = sorted.find((d) => d >= addDays(dueDate, -1)) ?? null;
    const state: PostReleaseTestState = doneOn ? 'done' : dueDate > today ? 'upcoming' : dueDate === today ? 'due' : 'overdue';
    return { day, dueDate, state, doneOn };
  });
}
