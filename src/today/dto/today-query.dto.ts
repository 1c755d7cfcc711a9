import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAdminUnitCode, IsCalendarDay } from '../../common/validation/decorators';

export class TodayQueryDto {
  /**
   * The local day of the board (YYYY-MM-DD); defaults to today. A past day is described from the records
   * as it was at the end of that day (see the operation's description).
   */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2021-08-01' })
  @IsOptional()
  @IsCalendarDay()
  date?: string;
}

export class AreaTodayQueryDto extends TodayQueryDto {
  /** The area (an admin unit and the units below it); defaults to a committee's own unit, or everywhere for an admin. */
  @ApiPropertyOptional({ example: '947' })
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;
}
