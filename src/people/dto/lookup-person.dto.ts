import { Matches } from 'class-validator';
import { ID_NUMBER_MESSAGE, ID_NUMBER_PATTERN } from './create-person.dto';

export class LookupPersonDto {
  /** The exact national id (CCCD/CMND) or passport number, as on the card. */
  @Matches(ID_NUMBER_PATTERN, { message: ID_NUMBER_MESSAGE })
  idNumber: string;
}
