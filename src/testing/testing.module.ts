import { HttpStatus, Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { registerConstraintErrors } from '../common/errors/constraint-errors';
import { ErrorCode } from '../common/errors/error-codes';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { StaysModule } from '../stays/stays.module';
import { TestingController } from './testing.controller';
import { TestingService } from './testing.service';

// What to tell a client when a constraint of the Testing migration refuses a change.
registerConstraintErrors({
  CHK_test_samples_result_at: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    code: ErrorCode.TIME_ORDER,
    message: 'A result needs the time it was known, and a pending sample has none.',
  },
  FK_test_samples_stay: { status: HttpStatus.CONFLICT, code: ErrorCode.STILL_REFERENCED, message: 'Test samples refer to this stay; it cannot be removed.' },
});

/** Test samples and results (xét nghiệm), and what a positive result does to a stay and its room. */
@Module({
  imports: [StaysModule, AlertsModule],
  controllers: [TestingController],
  providers: [TestingService, IdempotencyService],
})
export class TestingModule {}
