import { ApiProperty } from '@nestjs/swagger';
import { AlertType } from '../../alerts/alert.entity';
import { Sex } from '../../people/person.entity';
import { HomeCheckStatus, HomeMonitoringCheck } from '../home-monitoring-check.entity';
import { PostReleaseTestState } from '../post-release-tests';

export class HomeCheckResponse {
  id: string;
  stayId: string;
  at: Date;
  @ApiProperty({ enum: HomeCheckStatus })
  status: HomeCheckStatus;
  note: string | null;
  recordedBy: string | null;
  createdAt: Date;
}

export class RecordedHomeCheckResponse extends HomeCheckResponse {
  /** Alerts this check raised at once (home_monitoring_absent, positive_after_release). */
  @ApiProperty({ enum: AlertType, isArray: true })
  alertsRaised: AlertType[];
}

/** The person, as the committee of residence needs them: who, and where to go. */
export class MonitoredPersonResponse {
  id: string;
  fullName: string;
  @ApiProperty({ enum: Sex })
  sex: Sex;
  @ApiProperty({ type: Number, nullable: true })
  birthYear: number | null;
  /** In full for admins, masked for committees (as in every response that carries a person). */
  @ApiProperty({ type: String, nullable: true })
  idNumber: string | null;
  /** In full for admins, masked for committees. */
  @ApiProperty({ type: String, nullable: true })
  phone: string | null;
  @ApiProperty({ type: String, nullable: true })
  address: string | null;
  @ApiProperty({ type: String, nullable: true })
  residenceAdminUnitCode: string | null;
}

export class PostReleaseTestResponse {
  /** Day N after the release day. */
  day: number;
  dueDate: string;
  @ApiProperty({ enum: ['upcoming', 'due', 'overdue', 'done'] })
  state: PostReleaseTestState;
  @ApiProperty({ type: String, nullable: true })
  doneOn: string | null;
}

export class HomeMonitoringItemResponse {
  stayId: string;
  person: MonitoredPersonResponse;
  /** The facility that released the person. */
  facilityId: string;
  facilityName: string;
  releasedAt: Date;
  /** The last local day of home monitoring. */
  monitoringUntil: string;
  postReleaseTests: PostReleaseTestResponse[];
  @ApiProperty({ type: HomeCheckResponse, nullable: true })
  lastCheck: HomeCheckResponse | null;
}

export function toHomeCheckResponse(c: HomeMonitoringCheck): HomeCheckResponse {
  return {
    id: c.id,
    stayId: c.stayId,
    at: c.at,
    status: c.status,
    note: c.note,
    recordedBy: c.recordedBy,
    createdAt: c.createdAt,
  };
}
