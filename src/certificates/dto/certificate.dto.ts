import { IsOptional } from 'class-validator';
import { IsCalendarDay } from '../../common/validation/decorators';

export class DayCertificatesQueryDto {
  /** The local day of release; today when left out. */
  @IsOptional()
  @IsCalendarDay()
  releasedOn?: string;
}
