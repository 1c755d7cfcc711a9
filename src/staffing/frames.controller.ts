import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { AddFrameMemberDto } from './dto/add-frame-member.dto';
import { CreateFrameDto } from './dto/create-frame.dto';
import { DeployFrameDto } from './dto/deploy-frame.dto';
import { FrameDeploymentResponse, FrameResponse } from './dto/frame.response';
import { ListFramesDto } from './dto/list-frames.dto';
import { UpdateFrameDto } from './dto/update-frame.dto';
import { FramesService } from './frames.service';

@ApiTags('staffing')
@Controller({ path: 'frames', version: '1' })
export class FramesController {
  constructor(private readonly frames: FramesService) {}

  /** Creates a staffing frame (khung cách ly). */
  @Post()
  @Roles(Role.Admin, Role.DistrictCommittee)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFrameDto): Promise<FrameResponse> {
    return this.frames.create(actor, dto);
  }

  /** Lists staffing frames. */
  @Get()
  @ApiPageResponse(FrameResponse)
  list(@CurrentActor() actor: Actor, @Query() query: ListFramesDto): Promise<Page<FrameResponse>> {
    return this.frames.list(actor, query);
  }

  /** One staffing frame with its members. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FrameResponse> {
    return this.frames.get(actor, id);
  }

  /** Changes a staffing frame. */
  @Patch(':id')
  @Roles(Role.Admin, Role.DistrictCommittee)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateFrameDto,
  ): Promise<FrameResponse> {
    return this.frames.update(actor, id, dto);
  }

  /** Adds a staff member to a frame. */
  @Post(':id/members')
  @Roles(Role.Admin, Role.DistrictCommittee)
  addMember(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddFrameMemberDto,
  ): Promise<FrameResponse> {
    return this.frames.addMember(actor, id, dto);
  }

  /** Removes a staff member from a frame. */
  @Delete(':id/members/:staffId')
  @Roles(Role.Admin, Role.DistrictCommittee)
  @HttpCode(HttpStatus.NO_CONTENT)
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('staffId', ParseUUIDPipe) staffId: string,
  ): Promise<void> {
    return this.frames.removeMember(actor, id, staffId);
  }

  /** Puts every member on duty at the facility from `from` to `to`, all or none (409 naming any clash). */
  @Post(':id/deploy')
  @Roles(Role.Admin, Role.DistrictCommittee)
  deploy(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeployFrameDto,
  ): Promise<FrameDeploymentResponse> {
    return this.frames.deploy(actor, id, dto);
  }
}
