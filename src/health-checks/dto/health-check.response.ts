import { ApiProperty } from '@nestjs/swagger';
import { AlertType } from '../../alerts/alert.entity';
import { HealthCheck, Symptom } from '../health-check.entity';

export class HealthCheckResponse {
  id: string;
  stayId: string;
  /** The facility where the check was taken. */
  facilityId: string;
  takenAt: Date;
  /** The local day of takenAt (YYYY-MM-DD). */
  roundDate: string;
  /** The health round takenAt fell in (e.g. morning, afternoon), or null between rounds. */
  round: string | null;
  temperatureC: number;
  spo2: number | null;
  @ApiProperty({ enum: Symptom, isArray: true })
  symptoms: Symptom[];
  note: string | null;
  recordedBy: string | null;
  createdAt: Date;
}

export class RecordedHealthCheckResponse extends HealthCheckResponse {
  /** Alerts this check raised at once (fever, low_spo2, symptoms_reported); empty when all is well. */
  @ApiProperty({ enum: AlertType, isArray: true })
  alertsRaised: AlertType[];
}

export class RecordedHealthChecksResponse {
  facilityId: string;
  /** How many checks were recorded. */
  recorded: number;
  /** How many alerts the checks raised. */
  alertsRaised: number;
  items: RecordedHealthCheckResponse[];
}

export function toHealthCheckResponse(h: HealthCheck): HealthCheckResponse {
  return {
    id: h.id,
    stayId: h.stayId,
    facilityId: h.facilityId,
    takenAt: h.takenAt,
    roundDate: h.roundDate,
    round: h.round,
    temperatureC: h.temperatureC,
    spo2: h.spo2,
    symptoms: h.symptoms,
    note: h.note,
    recordedBy: h.recordedBy,
    createdAt: h.createdAt,
  };
}
