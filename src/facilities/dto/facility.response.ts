import { Facility, FacilityKind, FacilityStatus } from '../facility.entity';

export class FacilityResponse {
  id: string;
  code: string;
  name: string;
  kind: FacilityKind;
  adminUnitCode: string;
  address: string | null;
  operator: string | null;
  status: FacilityStatus;
  notes: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toFacilityResponse(f: Facility): FacilityResponse {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    kind: f.kind,
    adminUnitCode: f.adminUnitCode,
    address: f.address,
    operator: f.operator,
    status: f.status,
    notes: f.notes,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}
