import { FramePosition } from '../frame-member.entity';
import { Frame, FrameStatus } from '../frame.entity';
import { StaffRole } from '../staff-member.entity';
import { AssignmentResponse } from './assignment.response';

export class FrameMemberResponse {
  staffId: string;
  fullName: string;
  role: StaffRole;
  agency: string;
  position: FramePosition;
}

export class FrameResponse {
  id: string;
  name: string;
  adminUnitCode: string;
  /** The facility the frame is (or was last) deployed to. */
  facilityId: string | null;
  status: FrameStatus;
  /** Leader first, then deputies, then members, each by name. */
  members: FrameMemberResponse[];
  createdAt: Date;
  updatedAt: Date;
}

export class FrameDeploymentResponse {
  frame: FrameResponse;
  /** One assignment per member, in member order. */
  assignments: AssignmentResponse[];
}

const POSITION_ORDER: Record<FramePosition, number> = { leader: 0, deputy: 1, member: 2 };

export function toFrameResponse(frame: Frame): FrameResponse {
  const members = (frame.members ?? [])
    .map((m) => ({
      staffId: m.staffId,
      fullName: m.staff!.fullName,
      role: m.staff!.role,
      agency: m.staff!.agency,
      position: m.position,
    }))
    .sort((a, b) => POSITION_ORDER[a.position] - POSITION_ORDER[b.position] || a.fullName.localeCompare(b.fullName, 'vi'));
  return {
    id: frame.id,
    name: frame.name,
    adminUnitCode: frame.adminUnitCode,
    facilityId: frame.facilityId,
    status: frame.status,
    members,
    createdAt: frame.createdAt,
    updatedAt: frame.updatedAt,
  };
}
