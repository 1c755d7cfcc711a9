import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/decorators';
import { StaffRole } from '../staff-member.entity';
import { IsWindowEnd } from './time-window.validator';

/** A staff member on duty at the facility from startsAt (inclusive) to endsAt (exclusive). */
export class CreateAssignmentDto {
  @IsUUID('all')
  staffId: string;

  /** The role filled on this assignment; defaults to the staff member's own role. */
  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole;

  @IsIsoDateTime()
  startsAt: string;

  @IsIsoDateTime()
  @IsWindowEnd('startsAt')
  endsAt: string;
}
