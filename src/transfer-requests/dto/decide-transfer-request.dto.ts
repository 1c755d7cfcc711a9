import { IsOptional, IsUUID } from 'class-validator';
import { IsText } from '../../common/validation/decorators';

export class AcceptTransferRequestDto {
  /** A specific bed of the target facility; without it the system picks one by the placement rules. */
  @IsOptional()
  @IsUUID('all')
  toBedId?: string;
}

export class RejectTransferRequestDto {
  /** Why the target cannot take the person (e.g. "no free bed for women"). */
  @IsText(2000, 5)
  reason: string;
}

export class CancelTransferRequestDto {
  /** Why the request is withdrawn, if worth saying. */
  @IsOptional()
  @IsText(2000, 1)
  reason?: string;
}
