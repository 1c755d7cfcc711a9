import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsAdminUnitCode } from '../../common/validation/decorators';
import { AlertStatus, AlertType } from '../alert.entity';

export class ListAlertsDto extends PageQueryDto {
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  /** Alerts of facilities in this unit and the units below it. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  @IsOptional()
  @IsEnum(AlertType)
  type?: AlertType;

  @IsOptional()
  @IsEnum(AlertStatus)
  status?: AlertStatus;
}
