import { Module } from '@nestjs/common';
import { TodayController } from './today.controller';
import { TodayRepository } from './today.repository';
import { TodayService } from './today.service';

/** The today board: reads stays, tests and health checks; writes nothing. */
@Module({
  controllers: [TodayController],
  providers: [TodayService, TodayRepository],
})
export class TodayModule {}
