import { Module } from '@nestjs/common';
import { StaysModule } from '../stays/stays.module';
import { IntakeListsController } from './intake-lists.controller';
import { IntakeListsService } from './intake-lists.service';

/** Lists of people sent to a camp, imported from spreadsheets and admitted row by row on arrival. */
@Module({
  imports: [StaysModule],
  controllers: [IntakeListsController],
  providers: [IntakeListsService],
})
export class IntakeListsModule {}
