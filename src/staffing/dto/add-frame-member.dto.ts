import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { FramePosition } from '../frame-member.entity';

export class AddFrameMemberDto {
  @IsUUID('all')
  staffId: string;

  /** A frame has at most one leader. Defaults to member. */
  @IsOptional()
  @IsEnum(FramePosition)
  position?: FramePosition;
}
