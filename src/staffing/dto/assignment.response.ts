import { Assignment } from '../assignment.entity';
import { StaffRole } from '../staff-member.entity';

export class AssignmentResponse {
  id: string;
  staffId: string;
  staffName: string;
  facilityId: string;
  /** The frame whose deployment created this assignment, if any. */
  frameId: string | null;
  role: StaffRole;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export function toAssignmentResponse(a: Assignment): AssignmentResponse {
  return {
    id: a.id,
    staffId: a.staffId,
    staffName: a.staff!.fullName,
    facilityId: a.facilityId,
    frameId: a.frameId,
    role: a.role,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    createdAt: a.createdAt,
  };
}
