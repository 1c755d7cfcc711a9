import { BullAdapter } from '@bull-board/api/bullAdapter';
import { BullBoardModule } from '@bull-board/nestjs';
import { BullModule } from '@nestjs/bull';
import { DynamicModule } from '@nestjs/common';

/**
 * A feature's own Bull queue, shown on the queue dashboard. Put it in the feature module's imports;
 * the jobs module takes the queue's runs off it for every job registered on it.
 */
export function jobQueue(name: string): DynamicModule[] {
  return [BullModule.registerQueue({ name }), BullBoardModule.forFeature({ name, adapter: BullAdapter })];
}
