import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAdminUnitCode } from '../../common/validation/decorators';

export class CapacityQueryDto {
  /** Defaults to your own unit (committees) or the whole country (admins). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;
}
