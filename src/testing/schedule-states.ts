import { RecordedTest } from '../stays/release-rules';
import { ScheduledTest } from '../stays/schedule';

export enum ScheduledTestState {
  /** The due day has not come yet and no sample has been taken. */
  Upcoming = 'upcoming',
  /** Due today, no sample yet. */
  Due = 'due',
  /** The due day has passed without a sample. */
  Overdue = 'overdue',
  /** A sample was taken; its result is pending. */
  Taken = 'taken',
  Negative = 'negative',
  Positive = 'positive',
}

export interface ScheduledTestWithState extends ScheduledTest {
  state: ScheduledTestState;
}

/**
 * Where each scheduled test of a stay stands on the local day `today` (YYYY-MM-DD), given the samples
 * of the stay's current period. Of several samples for one day, a positive one decides, then a negative
 * one (the same order as the release rules), then a pending one.
 */
export function scheduleStates(
  schedule: readonly ScheduledTest[],
  tests: readonly RecordedTest[],
  today: string,
): ScheduledTestWithState[] {
  return schedule.map((test) => {
    const results = new Set(tests.filter((t) => t.scheduledDay === test.day).map((t) => t.result));
    let state: ScheduledTestState;
    if (results.has('positive')) state = ScheduledTestState.Positive;
    else if (results.has('negative')) state = ScheduledTestState.Negative;
    else if (results.has('pending')) state = ScheduledTestState.Taken;
    else if (test.dueDate > today) state = ScheduledTestState.Upcoming;
    else if (test.dueDate === today) state = ScheduledTestState.Due;
    else state = ScheduledTestState.Overdue;
    return { ...test, state };
  });
}
