import { IsAdminUnitCode, IsText } from '../../common/validation/decorators';

export class CreateFrameDto {
  /** e.g. "Khung cách ly huyện Mỹ Xuyên" */
  @IsText(200)
  name: string;

  /** The unit forming the frame; its members must belong to this unit or a unit below it. */
  @IsAdminUnitCode()
  adminUnitCode: string;
}
