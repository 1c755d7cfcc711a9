import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsIsoDateTime } from '../../common/validation/decorators';
import { StaffRole } from '../staff-member.entity';

export class ListAssignmentsDto extends PageQueryDto {
  /** Only assignments still running at or after this time. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  /** Only assignments starting before this time. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsIsoDateTime()
  to?: string;

  @IsOptional()
  @IsUUID('all')
  staffId?: string;

  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole;
}
