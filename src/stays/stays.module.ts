import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CertificateRegistryModule } from '../certificates/certificate-registry.module';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { PeopleModule } from '../people/people.module';
import { PoliciesModule } from '../policies/policies.module';
import { BedAllocator } from './bed-allocator';
import { StayViews } from './stay-views';
import { StaysController } from './stays.controller';
import { PositiveCases } from './positive-cases';
import { StaysService } from './stays.service';

@Module({
  imports: [PeopleModule, PoliciesModule, AlertsModule, CertificateRegistryModule],
  controllers: [StaysController],
  providers: [StaysService, StayViews, BedAllocator, PositiveCases, IdempotencyService],
  exports: [StaysService, StayViews, PositiveCases],
})
export class StaysModule {}
