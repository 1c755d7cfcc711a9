import { IsBoolean, IsEnum, IsOptional, Matches } from 'class-validator';
import { IsAdminUnitCode, IsText } from '../../common/validation/decorators';
import { StaffRole } from '../staff-member.entity';

export class CreateStaffMemberDto {
  @IsText(200)
  fullName: string;

  @IsEnum(StaffRole)
  role: StaffRole;

  /** The sending unit, e.g. "Sở Y tế" (health department), "Công an tỉnh" (provincial police). */
  @IsText(300)
  agency: string;

  /** The admin unit the staff member belongs to; committees manage the staff of their own unit and below. */
  @IsAdminUnitCode()
  adminUnitCode: string;

  @IsOptional()
  @Matches(/^\+?[0-9 .()-]{6,30}$/, { message: 'phone must be a phone number (digits, spaces, dots, dashes, an optional leading +)' })
  phone?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
