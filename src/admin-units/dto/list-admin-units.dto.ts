import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsAdminUnitCode } from '../../common/validation/decorators';
import { AdminUnitLevel } from '../admin-unit.entity';

export class ListAdminUnitsDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  parentCode?: string;

  @IsOptional()
  @IsEnum(AdminUnitLevel)
  level?: AdminUnitLevel;
}
