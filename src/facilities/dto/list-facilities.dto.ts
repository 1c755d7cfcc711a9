import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsAdminUnitCode, IsText } from '../../common/validation/decorators';
import { FacilityKind, FacilityStatus } from '../facility.entity';

export class ListFacilitiesDto extends PageQueryDto {
  /** Facilities in this unit and in every unit below it. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  @IsOptional()
  @IsEnum(FacilityStatus)
  status?: FacilityStatus;

  @IsOptional()
  @IsEnum(FacilityKind)
  kind?: FacilityKind;

  /** Part of the code or name. */
  @IsOptional()
  @IsText(100)
  q?: string;
}
