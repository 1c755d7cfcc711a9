import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAdminUnitCode, IsIsoDateTime } from '../../common/validation/decorators';

export class CoverageQueryDto {
  /** The moment to count who is on duty; defaults to now. Occupancy is always the current one. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsIsoDateTime()
  at?: string;
}

export class RegionCoverageQueryDto extends CoverageQueryDto {
  /** Defaults to your own unit (committees) or everything you can see. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;
}
