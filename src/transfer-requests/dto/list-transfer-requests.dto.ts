import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { TransferRequestStatus } from '../transfer-request.entity';

export const DIRECTIONS = ['incoming', 'outgoing'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export class ListTransferRequestsDto extends PageQueryDto {
  /** Requests from or to this facility. A camp manager's own facility when left out. */
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  /** incoming: to the facility; outgoing: from it. Needs a facility (a camp manager's own by default). */
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: Direction;

  @IsOptional()
  @IsEnum(TransferRequestStatus)
  status?: TransferRequestStatus;
}
