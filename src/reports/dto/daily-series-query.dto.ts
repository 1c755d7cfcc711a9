import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAdminUnitCode, IsCalendarDay } from '../../common/validation/decorators';

export class DailySeriesQueryDto {
  /** Defaults to your own unit (committees) or the whole country (admins, camp managers: their facility). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  /** First local day of the series. */
  @IsCalendarDay()
  from: string;

  /** Last local day of the series, at most 92 days after `from` counting both, and not in the future. */
  @IsCalendarDay()
  to: string;
}
