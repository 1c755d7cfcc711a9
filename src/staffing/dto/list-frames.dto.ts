import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsAdminUnitCode } from '../../common/validation/decorators';
import { FrameStatus } from '../frame.entity';

export class ListFramesDto extends PageQueryDto {
  /** Frames of this unit and of every unit below it. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  @IsOptional()
  @IsEnum(FrameStatus)
  status?: FrameStatus;

  /** Frames deployed (last) to this facility. */
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;
}
