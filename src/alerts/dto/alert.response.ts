import { Alert, AlertStatus, AlertType } from '../alert.entity';

export class AlertResponse {
  id: string;
  type: AlertType;
  facilityId: string;
  stayId: string | null;
  /** The committee of the person's residence, for alerts it must see whatever facility raised them. */
  residenceAdminUnitCode: string | null;
  subjectDate: string | null;
  status: AlertStatus;
  /** In plain words: which test of whom is due, which facility is full, … */
  message: string;
  raisedAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export function toAlertResponse(a: Alert): AlertResponse {
  return {
    id: a.id,
    type: a.type,
    facilityId: a.facilityId,
    stayId: a.stayId,
    residenceAdminUnitCode: a.residenceAdminUnitCode,
    subjectDate: a.subjectDate,
    status: a.status,
    message: a.message,
    raisedAt: a.raisedAt,
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: a.acknowledgedAt,
    resolvedAt: a.resolvedAt,
  };
}
