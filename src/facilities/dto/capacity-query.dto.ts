import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAdminUnitCode, QueryInt } from '../../common/validation/decorators';

export const DEFAULT_FACILITIES_LIMIT = 50;

export class CapacityQueryDto {
  /** Defaults to your own unit (committees) or the whole country (admins). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  /** Page of the facility rows (1 first); totals and child units always cover the whole area. */
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @QueryInt(1, 1_000_000)
  facilitiesPage?: number;

  /** Facility rows per page (at most 200, as every list). */
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: DEFAULT_FACILITIES_LIMIT })
  @IsOptional()
  @QueryInt(1, 200)
  facilitiesLimit?: number;
}
