import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { IsAdminUnitCode, IsText } from '../../common/validation/decorators';
import { AdminUnitLevel } from '../admin-unit.entity';

export class CreateAdminUnitDto {
  @IsAdminUnitCode()
  code: string;

  @IsText(200)
  name: string;

  @IsEnum(AdminUnitLevel)
  level: AdminUnitLevel;

  /** The unit this one belongs to; required for districts and communes, absent for a province. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  parentCode?: string;
}
