import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsIsoDateTime, IsText } from '../../common/validation/decorators';
import { Classification } from '../../policies/quarantine-policy.entity';
import { StayStatus } from '../stay.entity';

export class ListStaysDto extends PageQueryDto {
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @IsOptional()
  @IsEnum(StayStatus)
  status?: StayStatus;

  @IsOptional()
  @IsEnum(Classification)
  classification?: Classification;

  /** Part of the person's name (diacritics optional) or their whole ID number. */
  @IsOptional()
  @IsText(100, 2)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  admittedFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  admittedTo?: string;

  /** Open stays whose period ends before this time. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  releaseDueBefore?: string;
}
