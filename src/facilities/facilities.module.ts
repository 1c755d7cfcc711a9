import { Module } from '@nestjs/common';
import { CapacityRepository } from './capacity.repository';
import { CapacityService } from './capacity.service';
import { FlagCapacityCountsJob } from './flag-capacity-counts.job';
import { FacilitiesController } from './facilities.controller';
import { FacilitiesService } from './facilities.service';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

@Module({
  controllers: [FacilitiesController, RoomsController],
  providers: [FacilitiesService, RoomsService, CapacityService, CapacityRepository, FlagCapacityCountsJob],
  exports: [FacilitiesService, CapacityService, CapacityRepository],
})
export class FacilitiesModule {}
