import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { AlertStatus, AlertType } from '../../alerts/alert.entity';
import { IsAdminUnitCode, IsCalendarDay, IsIsoDateTime } from '../../common/validation/decorators';
import { Classification } from '../../policies/quarantine-policy.entity';
import { StayStatus } from '../../stays/stay.entity';
import { TestKind, TestResult } from '../../testing/test-sample.entity';

/** Filters every kind takes: one facility, or the facilities of an admin unit and below it. */
export class AreaFiltersDto {
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;
}

/** The stays list's filters. */
export class StaysExportFiltersDto extends AreaFiltersDto {
  @IsOptional()
  @IsEnum(StayStatus)
  status?: StayStatus;

  @IsOptional()
  @IsEnum(Classification)
  classification?: Classification;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  admittedFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  admittedTo?: string;
}

/** People with a stay (open or not) in the area. */
export class PeopleExportFiltersDto extends AreaFiltersDto {}

/** The tests list's filters. */
export class TestsExportFiltersDto extends AreaFiltersDto {
  @IsOptional()
  @IsEnum(TestResult)
  result?: TestResult;

  @IsOptional()
  @IsEnum(TestKind)
  kind?: TestKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  sampledFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  sampledTo?: string;
}

/** The health-check list's filters: when the checks were taken. */
export class HealthChecksExportFiltersDto extends AreaFiltersDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  takenFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  takenTo?: string;
}

/** The alerts list's filters. */
export class AlertsExportFiltersDto extends AreaFiltersDto {
  @IsOptional()
  @IsEnum(AlertType)
  type?: AlertType;

  @IsOptional()
  @IsEnum(AlertStatus)
  status?: AlertStatus;
}

/**
 * The daily report's filters: an area (default: a committee's own unit, everywhere for an admin, a
 * manager's facility) and either one local day (`date`, default today) or a range (`from` and `to`,
 * at most 92 days) for the series. No facilityId: the report is of an area.
 */
export class DailyReportExportFiltersDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  @IsOptional()
  @IsCalendarDay()
  date?: string;

  /** Given with `to`; not with `date`. */
  @ValidateIf((o: DailyReportExportFiltersDto) => o.from !== undefined || o.to !== undefined)
  @IsCalendarDay()
  from?: string;

  @ValidateIf((o: DailyReportExportFiltersDto) => o.from !== undefined || o.to !== undefined)
  @IsCalendarDay()
  to?: string;
}
