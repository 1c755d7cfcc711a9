import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { Role } from '../users/user.entity';
import { JobResponse, JobRunResultResponse, QueuedJobResponse } from './dto/job.response';
import { RunJobQueryDto } from './dto/run-job-query.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Roles(Role.Admin)
@Controller({ path: 'jobs', version: '1' })
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** Every job (flag passes, exports, clean-ups), its queue, its schedule if any and its last run. */
  @Get()
  list(): Promise<JobResponse[]> {
    return this.jobs.list();
  }

  /** Queues a run of a scheduled job now; with ?wait=true waits for it (up to 30 s) and returns its result and durationMs. */
  @Post(':name/run')
  @HttpCode(200)
  @ApiExtraModels(JobRunResultResponse, QueuedJobResponse)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(JobRunResultResponse) }, { $ref: getSchemaPath(QueuedJobResponse) }] },
  })
  run(
    @CurrentActor() actor: Actor,
    @Param('name') name: string,
    @Query() query: RunJobQueryDto,
  ): Promise<JobRunResultResponse | QueuedJobResponse> {
    return this.jobs.runNow(name, query.wait ?? false, actor);
  }
}
