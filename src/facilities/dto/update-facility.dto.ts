import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { IsText, Omittable } from '../../common/validation/decorators';
import { FacilityStatus } from '../facility.entity';
import { CreateFacilityDto } from './create-facility.dto';

/**
 * Any field of a facility; closing one that still holds people is refused with 409. Code, name, kind,
 * admin unit and status may be left out but not cleared; address, operator and notes are cleared with null.
 */
export class UpdateFacilityDto extends PartialType(
  OmitType(CreateFacilityDto, ['status', 'address', 'operator', 'notes'] as const),
  { skipNullProperties: false },
) {
  @Omittable()
  @IsEnum(FacilityStatus)
  status?: FacilityStatus;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsText(500)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsText(300)
  operator?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsText(5000)
  notes?: string | null;
}
