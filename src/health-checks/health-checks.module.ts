import { HttpStatus, Module } from '@nestjs/common';
import { registerConstraintErrors } from '../common/errors/constraint-errors';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { FlagHealthChecksJob } from './flag-health-checks.job';
import { HealthChecksController } from './health-checks.controller';
import { HealthChecksService } from './health-checks.service';

// The DTOs check the same ranges first; these only speak if a value slips past them.
registerConstraintErrors({
  CHK_health_checks_temperature: { status: HttpStatus.BAD_REQUEST, message: 'The temperature must lie between 34.0 and 43.0 °C.' },
  CHK_health_checks_spo2: { status: HttpStatus.BAD_REQUEST, message: 'SpO2 must lie between 50 and 100 %.' },
  CHK_health_checks_symptoms: { status: HttpStatus.BAD_REQUEST, message: 'A symptom is not one the monitoring sheet knows.' },
});

/** Health rounds: the checks, their alerts, and the job that flags missed rounds. Owns health_checks. */
@Module({
  controllers: [HealthChecksController],
  providers: [HealthChecksService, IdempotencyService, FlagHealthChecksJob],
  exports: [HealthChecksService, FlagHealthChecksJob],
})
export class HealthChecksModule {}
