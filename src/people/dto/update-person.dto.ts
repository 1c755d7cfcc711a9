import { IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { CreatePersonDto } from './create-person.dto';

const REQUIRED = ['fullName', 'sex', 'vaccinationDoses'] as const;

/**
 * Any field of a person. Name, sex and vaccination doses may be left out but not cleared (null is
 * refused with 400); the others are cleared with null.
 */
export class UpdatePersonDto extends IntersectionType(
  PartialType(PickType(CreatePersonDto, REQUIRED), { skipNullProperties: false }),
  PartialType(OmitType(CreatePersonDto, REQUIRED)),
) {}
