import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsAdminUnitCode, IsIsoDateTime, IsText, QueryBoolean } from '../../common/validation/decorators';
import { StaffRole } from '../staff-member.entity';
import { IsWindowEnd } from './time-window.validator';

export class ListStaffDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole;

  /** Part of the agency's name. */
  @IsOptional()
  @IsText(100)
  agency?: string;

  /** Part of the staff member's name. */
  @IsOptional()
  @IsText(100)
  q?: string;

  /** Staff of this unit and of every unit below it. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  @QueryBoolean()
  active?: boolean;

  /** With availableTo: only staff with no assignment overlapping this window. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @ValidateIf((o: ListStaffDto) => o.availableFrom !== undefined || o.availableTo !== undefined)
  @IsIsoDateTime()
  availableFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @ValidateIf((o: ListStaffDto) => o.availableFrom !== undefined || o.availableTo !== undefined)
  @IsIsoDateTime()
  @IsWindowEnd('availableFrom')
  availableTo?: string;
}
