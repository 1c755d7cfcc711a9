import { IsOptional, IsUUID } from 'class-validator';

/** Move a person to another bed or facility; the stay and its history go with them. */
export class TransferStayDto {
  @IsUUID('all')
  toFacilityId: string;

  /** A specific bed in the target facility; without it the system picks one. */
  @IsOptional()
  @IsUUID('all')
  toBedId?: string;
}
