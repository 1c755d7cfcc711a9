import { ScheduledTest } from './schedule';

export type TestResult = 'pending' | 'negative' | 'positive';

export interface RecordedTest {
  scheduledDay: number | null;
  result: TestResult;
}

export interface ReleaseCheck {
  releaseAt: Date;
  expectedReleaseAt: Date;
  schedule: ScheduledTest[];
  tests: RecordedTest[];
}

/**
 * Everything that stands between a stay and its release, in words a camp manager understands.
 * Empty means the person may go: the full period served and every scheduled test taken and negative.
 */
export function releaseBlockers(check: ReleaseCheck): string[] {
  const blockers: string[] = [];
  if (check.releaseAt < check.expectedReleaseAt) {
    blockers.push(`the quarantine period is not over until ${check.expectedReleaseAt.toISOString()}`);
  }
  for (const { day, dueDate } of check.schedule) {
    const results = check.tests.filter((t) => t.scheduledDay === day).map((t) => t.result);
    if (results.includes('positive')) blockers.push(`the day ${day} test (${dueDate}) is positive`);
    else if (results.includes('negative')) continue;
    else if (results.includes('pending')) blockers.push(`the day ${day} test (${dueDate}) has no result yet`);
    else blockers.push(`no day ${day} test (${dueDate}) has been recorded`);
  }
  return blockers;
}
