import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { CreatePolicyDto } from './dto/create-policy.dto';
import { ListPoliciesDto } from './dto/list-policies.dto';
import { PolicyResponse } from './dto/policy.response';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@Controller({ path: 'policies', version: '1' })
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  /** Lists the quarantine policies and their versions. */
  @Get()
  @ApiPageResponse(PolicyResponse)
  list(@Query() query: ListPoliciesDto): Promise<Page<PolicyResponse>> {
    return this.policies.list(query);
  }

  /** Adds a new version; stays already admitted keep the version they were admitted under. */
  @Post()
  @Roles(Role.Admin)
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePolicyDto): Promise<PolicyResponse> {
    return this.policies.create(actor, dto);
  }
}
