import { StaffMember, StaffRole } from '../staff-member.entity';

export class StaffMemberResponse {
  id: string;
  fullName: string;
  role: StaffRole;
  agency: string;
  adminUnitCode: string;
  phone: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toStaffMemberResponse(s: StaffMember): StaffMemberResponse {
  return {
    id: s.id,
    fullName: s.fullName,
    role: s.role,
    agency: s.agency,
    adminUnitCode: s.adminUnitCode,
    phone: s.phone,
    active: s.active,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
