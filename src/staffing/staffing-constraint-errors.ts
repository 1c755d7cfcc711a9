import { HttpStatus } from '@nestjs/common';
import { registerConstraintErrors } from '../common/errors/constraint-errors';
import { ErrorCode } from '../common/errors/error-codes';

/** What to tell a client when a staffing constraint refuses a change (see the Staffing migration). */
export function registerStaffingConstraintErrors(): void {
  registerConstraintErrors({
    EXC_assignments_staff_no_overlap: {
      status: HttpStatus.CONFLICT,
      code: ErrorCode.STAFF_ON_DUTY,
      message: 'This staff member is already on duty during part of this time.',
    },
    CHK_assignments_ends_after_start: {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      code: ErrorCode.TIME_ORDER,
      message: 'An assignment must end after it starts.',
    },
    PK_frame_members: { status: HttpStatus.CONFLICT, code: ErrorCode.ALREADY_EXISTS, message: 'This staff member is already in this frame.' },
    UQ_frame_members_one_leader: {
      status: HttpStatus.CONFLICT,
      code: ErrorCode.FRAME_HAS_LEADER,
      message: 'This frame already has a leader; make the current leader a deputy or member first.',
    },
    FK_staff_members_admin_unit: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'No admin unit has this code.' },
    FK_frames_admin_unit: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'No admin unit has this code.' },
    FK_frame_members_staff: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'No such staff member.' },
    FK_assignments_staff: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'No such staff member.' },
    FK_frames_facility: {
      status: HttpStatus.CONFLICT,
      code: ErrorCode.STILL_REFERENCED,
      message: 'Frames are deployed to this facility; it cannot be removed.',
    },
    FK_assignments_facility: {
      status: HttpStatus.CONFLICT,
      code: ErrorCode.STILL_REFERENCED,
      message: 'Staff assignments refer to this facility; it cannot be removed.',
    },
    CHK_staffing_requirements_min_on_duty: {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      code: ErrorCode.RULE_REFUSED,
      message: 'minOnDuty cannot be negative.',
    },
    CHK_staffing_requirements_per_occupants: {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      code: ErrorCode.RULE_REFUSED,
      message: 'perOccupants must be a positive number.',
    },
  });
}
