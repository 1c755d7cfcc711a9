import { IsUUID } from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/decorators';
import { IsWindowEnd } from './time-window.validator';

/** Puts every member of the frame on duty at the facility for the window [from, to). */
export class DeployFrameDto {
  @IsUUID('all')
  facilityId: string;

  @IsIsoDateTime()
  from: string;

  @IsIsoDateTime()
  @IsWindowEnd('from')
  to: string;
}
