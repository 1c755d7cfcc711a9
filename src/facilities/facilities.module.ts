import { Module } from '@nestjs/common';
import { CapacityService } from './capacity.service';
import { FacilitiesController } from './facilities.controller';
import { FacilitiesService } from './facilities.service';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';

@Module({
  controllers: [FacilitiesController, RoomsController],
  providers: [FacilitiesService, RoomsService, CapacityService],
  exports: [FacilitiesService, CapacityService],
})
export class FacilitiesModule {}
