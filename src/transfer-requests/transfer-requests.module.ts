import { HttpStatus, Module } from '@nestjs/common';
import { registerConstraintErrors } from '../common/errors/constraint-errors';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { StaysModule } from '../stays/stays.module';
import { TransferRequestsController } from './transfer-requests.controller';
import { TransferRequestsService } from './transfer-requests.service';

registerConstraintErrors({
  UQ_transfer_requests_pending_stay: {
    status: HttpStatus.CONFLICT,
    message: 'A transfer request for this person is already pending.',
  },
});

/** Transfer requests between facilities, agreed by both sides; the move itself is the stays module's. */
@Module({
  imports: [StaysModule],
  controllers: [TransferRequestsController],
  providers: [TransferRequestsService, IdempotencyService],
})
export class TransferRequestsModule {}
