import { PartialType } from '@nestjs/swagger';
import { CreateStaffMemberDto } from './create-staff-member.dto';

/** Any field of a staff member; `active: false` takes them off coverage (their assignments stop counting). */
export class UpdateStaffMemberDto extends PartialType(CreateStaffMemberDto) {}
