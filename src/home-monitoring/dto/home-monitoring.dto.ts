import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsAdminUnitCode, IsCalendarDay, IsIsoDateTime, IsText } from '../../common/validation/decorators';
import { HomeCheckStatus } from '../home-monitoring-check.entity';

export class ListHomeMonitoringDto extends PageQueryDto {
  /** People who reside in this unit or below it; defaults to a committee's own unit (required of nobody). */
  @ApiPropertyOptional({ example: '947' })
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  /** The local day the monitoring must cover (YYYY-MM-DD); defaults to today. */
  @ApiPropertyOptional({ type: String, format: 'date', example: '2021-08-10' })
  @IsOptional()
  @IsCalendarDay()
  activeOn?: string;
}

/** A follow-up of a released person at home. */
export class RecordHomeCheckDto {
  /** When the person was seen or called; defaults to now, never in the future. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  at?: string;

  @IsEnum(HomeCheckStatus)
  status: HomeCheckStatus;

  @IsOptional()
  @IsText(1000)
  note?: string;
}
