import { IsIn } from 'class-validator';
import { BedStatus } from '../bed.entity';

/** Take a bed out of service or back; occupied beds change only through admission and release. */
export class UpdateBedDto {
  @IsIn([BedStatus.Available, BedStatus.OutOfService], {
    message: 'status must be available or out_of_service (occupied is set by admission)',
  })
  status: BedStatus.Available | BedStatus.OutOfService;
}
