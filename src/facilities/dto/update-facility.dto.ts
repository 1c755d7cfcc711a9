import { PartialType } from '@nestjs/swagger';
import { CreateFacilityDto } from './create-facility.dto';

/** Any field of a facility; closing one that still holds people is refused with 409. */
export class UpdateFacilityDto extends PartialType(CreateFacilityDto) {}
