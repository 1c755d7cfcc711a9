import { AuditEventResponse } from '../../audit/dto/audit-event.response';
import { PersonResponse } from '../../people/dto/person.response';
import { PolicyResponse } from '../../policies/dto/policy.response';
import { Classification } from '../../policies/quarantine-policy.entity';
import { ScheduledTestState } from '../../testing/schedule-states';
import { ReleaseOutcome, StayStatus } from '../stay.entity';

export class ScheduledTestResponse {
  day: number;
  /** Local calendar day (Asia/Ho_Chi_Minh by default). */
  dueDate: string;
  /** As of today: upcoming, due (today, no sample), overdue (day passed, no sample), taken (result pending), negative, positive. */
  state: ScheduledTestState;
}

export class StayResponse {
  id: string;
  person: PersonResponse;
  facilityId: string;
  roomId: string;
  bedId: string;
  roomCode: string;
  bedCode: string;
  classification: Classification;
  vaccinated: boolean;
  status: StayStatus;
  admittedAt: Date;
  /** The local admission day; people admitted the same day form a cohort. */
  cohortDate: string;
  /** Start of the current quarantine period (admission, or the last re-exposure). */
  periodStartAt: Date;
  expectedReleaseAt: Date;
  releasedAt: Date | null;
  /** The written reason of a release with the outcome "other". */
  releaseOverrideReason: string | null;
  /** How the stay ended; null while it is open. */
  releaseOutcome: ReleaseOutcome | null;
  /** For a transfer to treatment: where the person was taken. */
  releaseDestination: string | null;
  /** A positive result arrived after the release (the release stands; the residence committee is alerted). */
  positiveAfterRelease: boolean;
  positiveAfterReleaseAt: Date | null;
  homeMonitoringUntil: string | null;
  exposureSourceStayId: string | null;
  /** The policy version the stay was admitted under. */
  policy: PolicyResponse;
  scheduledTests: ScheduledTestResponse[];
}

export class StayDetailResponse extends StayResponse {
  /** Every change to the stay, oldest first. */
  history: AuditEventResponse[];
}
