import { IsEnum, IsOptional, Matches } from 'class-validator';
import { IsAdminUnitCode, IsText } from '../../common/validation/decorators';
import { FacilityKind, FacilityStatus } from '../facility.entity';

export class CreateFacilityDto {
  /** Short unique code, e.g. "ST-TQS" (letters, digits, dashes, underscores, dots). */
  @Matches(/^[A-Za-z0-9._-]{2,50}$/, { message: 'code must be 2–50 letters, digits, dots, dashes or underscores' })
  code: string;

  @IsText(300)
  name: string;

  @IsEnum(FacilityKind)
  kind: FacilityKind;

  /** The admin unit the site lies in (or belongs to). */
  @IsAdminUnitCode()
  adminUnitCode: string;

  @IsOptional()
  @IsText(500)
  address?: string;

  /** The agency that owns or runs the site. */
  @IsOptional()
  @IsText(300)
  operator?: string;

  /** New facilities start on standby unless said otherwise. */
  @IsOptional()
  @IsEnum(FacilityStatus)
  status?: FacilityStatus;

  @IsOptional()
  @IsText(5000)
  notes?: string;
}
