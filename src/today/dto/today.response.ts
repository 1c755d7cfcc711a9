import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Classification } from '../../policies/quarantine-policy.entity';
import { StayStatus } from '../../stays/stay.entity';

export class TodayCounts {
  /** People in the facility at the end of the day (now, for today; from the records, for a past day). */
  inQuarantine: number;
  arrivals: number;
  testsDue: number;
  testsOverdue: number;
  releasesDue: number;
  releasesOverdue: number;
  readyForRelease: number;
  healthChecksMissing: number;
  positives: number;
}

/** One line of a board list: who, where, and what the list is about. */
export class TodayStayItem {
  stayId: string;
  personId: string;
  fullName: string;
  roomCode: string;
  bedCode: string;
  @ApiProperty({ enum: Classification })
  classification: Classification;
  @ApiProperty({ enum: StayStatus })
  status: StayStatus;
  /** arrivals: when the person was admitted. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  admittedAt?: Date;
  /** testsDue, testsOverdue: the policy day of the test … */
  @ApiPropertyOptional()
  testDay?: number;
  /** … and its local due date; releasesDue, releasesOverdue: the local release day. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  dueDate?: string;
  /** releasesDue, releasesOverdue, readyForRelease: when the period is served. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  expectedReleaseAt?: Date;
  /** healthChecksMissing: the round without a check … */
  @ApiPropertyOptional()
  round?: string;
  /** … and its local day. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  roundDate?: string;
  /** positives: when the (latest) positive result came; absent for a stay marked positive without one. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  positiveResultAt?: Date;
}

export class FacilityTodayResponse {
  facilityId: string;
  /** The local day (YYYY-MM-DD). */
  date: string;
  counts: TodayCounts;
  /** Admitted on the day. */
  arrivals: TodayStayItem[];
  /** Scheduled tests due on the day without a sample. */
  testsDue: TodayStayItem[];
  /** Scheduled tests due before the day without a sample. */
  testsOverdue: TodayStayItem[];
  /** Open stays whose period ends on the day. */
  releasesDue: TodayStayItem[];
  /** Open stays whose period ended before the day. */
  releasesOverdue: TodayStayItem[];
  /** Period served and every scheduled test negative: may go home. */
  readyForRelease: TodayStayItem[];
  /** Open stays without a check in a round of the day that has ended. */
  healthChecksMissing: TodayStayItem[];
  /** Positive and still here (awaiting transfer to treatment), or a positive result on the day. */
  positives: TodayStayItem[];
}

export class FacilityTodayCounts {
  facilityId: string;
  code: string;
  name: string;
  adminUnitCode: string;
  counts: TodayCounts;
}

export class AreaTodayResponse {
  /** The area asked for; null for every facility an admin can see. */
  @ApiProperty({ type: String, nullable: true })
  adminUnitCode: string | null;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  date: string;
  /** The sums over the area's facilities. */
  totals: TodayCounts;
  /** Every facility of the area (not closed), in code order. */
  facilities: FacilityTodayCounts[];
}
