import { IsIn, IsOptional } from 'class-validator';
import { IsText } from '../../common/validation/decorators';
import { FrameStatus } from '../frame.entity';

export class UpdateFrameDto {
  @IsOptional()
  @IsText(200)
  name?: string;

  /**
   * `standby` stands a deployed frame down: its assignments from the deployment that have not started
   * are removed and those under way end now. Deploying goes through POST /frames/:id/deploy.
   */
  @IsOptional()
  @IsIn([FrameStatus.Standby], { message: 'status can only be set to standby here; deploy a frame with POST /frames/:id/deploy' })
  status?: FrameStatus.Standby;
}
