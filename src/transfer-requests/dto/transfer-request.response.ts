import { Classification } from '../../policies/quarantine-policy.entity';
import { TransferRequestStatus } from '../transfer-request.entity';

export class TransferRequestResponse {
  id: string;
  stayId: string;
  /** Who is to be moved: enough for the target to decide, nothing more (no id number, no phone). */
  personFullName: string;
  sex: string;
  classification: Classification;
  fromFacilityId: string;
  fromFacilityName: string;
  toFacilityId: string;
  toFacilityName: string;
  reason: string;
  status: TransferRequestStatus;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  /** The bed the person was placed in, once accepted. */
  toBedId: string | null;
}

/** A row of the request query (see TransferRequestsService.query). */
export interface TransferRequestRow {
  id: string;
  stay_id: string;
  full_name: string;
  sex: string;
  classification: Classification;
  from_facility_id: string;
  from_facility_name: string;
  to_facility_id: string;
  to_facility_name: string;
  reason: string;
  status: TransferRequestStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  to_bed_id: string | null;
  requester_role?: string;
}

export function toTransferRequestResponse(r: TransferRequestRow): TransferRequestResponse {
  return {
    id: r.id,
    stayId: r.stay_id,
    personFullName: r.full_name,
    sex: r.sex,
    classification: r.classification,
    fromFacilityId: r.from_facility_id,
    fromFacilityName: r.from_facility_name,
    toFacilityId: r.to_facility_id,
    toFacilityName: r.to_facility_name,
    reason: r.reason,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    toBedId: r.to_bed_id,
  };
}
