import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobRunResultResponse } from './dto/job.response';
import { FLAG_JOBS_QUEUE } from './flag-job';
import { JobsService } from './jobs.service';

/** Takes flag-job runs off the queue, scheduled or manual, and runs them one at a time. */
@Processor(FLAG_JOBS_QUEUE)
export class FlagJobsProcessor {
  constructor(private readonly jobs: JobsService) {}

  @Process({ name: '*' })
  handle(job: Job): Promise<JobRunResultResponse> {
    return this.jobs.execute(job.name);
  }
}
