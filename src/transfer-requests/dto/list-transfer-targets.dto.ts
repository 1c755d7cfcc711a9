import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsText } from '../../common/validation/decorators';
import { FacilityKind } from '../../facilities/facility.entity';

export class ListTransferTargetsDto extends PageQueryDto {
  /** Part of the code or name. */
  @IsOptional()
  @IsText(100)
  q?: string;
}

/**
 * A facility a person may be sent to: its name and kind only. Anyone who may ask for a transfer needs
 * to name the target, including a camp manager who otherwise sees only their own facility.
 */
export class TransferTargetResponse {
  id: string;
  code: string;
  name: string;
  @ApiProperty({ enum: FacilityKind })
  kind: FacilityKind;
  adminUnitCode: string;
}
