import { IsUUID } from 'class-validator';
import { IsText } from '../../common/validation/decorators';

/** Ask another facility to take a person in. */
export class CreateTransferRequestDto {
  @IsUUID('all')
  stayId: string;

  @IsUUID('all')
  toFacilityId: string;

  /** Why the person should move (e.g. "the room is needed for a new cohort", "closer to home"). */
  @IsText(2000, 5)
  reason: string;
}
