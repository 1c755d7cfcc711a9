import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { StaffRole } from '../staff-member.entity';

export class RoleRequirementDto {
  @IsEnum(StaffRole)
  role: StaffRole;

  /** At least this many on duty at all times. */
  @IsInt()
  @Min(0)
  @Max(1000)
  minOnDuty: number;

  /** One on duty for every this many occupants (omit or null when the need does not grow with occupancy). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  perOccupants?: number | null;
}

/** Replaces the facility's requirement set; an empty list returns the facility to the defaults of its kind. */
export class ReplaceStaffingRequirementsDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleRequirementDto)
  @ArrayMaxSize(20)
  requirements: RoleRequirementDto[];
}
