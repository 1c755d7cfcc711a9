import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsIsoDateTime } from '../../common/validation/decorators';

export class ListAuditEventsDto extends PageQueryDto {
  /** Events about this stay, person or other object: its id, or its code (admin units, jobs). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'entityId must be an id or a code' })
  entityId?: string;

  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  /** e.g. stay.released */
  @IsOptional()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'action looks like stay.released' })
  action?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  to?: string;
}
