import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAdminUnitCode, IsCalendarDay } from '../../common/validation/decorators';

export class DailyReportQueryDto {
  /** Defaults to your own unit (committees) or the whole country (admins, camp managers: their facility). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  /** The local day (Asia/Ho_Chi_Minh by default) the report is for; defaults to today. Not in the future. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDay()
  date?: string;
}
