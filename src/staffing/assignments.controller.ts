import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/auth.decorators';
import { ApiPageResponse } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { Role } from '../users/user.entity';
import { AssignmentsService } from './assignments.service';
import { AssignmentResponse } from './dto/assignment.response';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ListAssignmentsDto } from './dto/list-assignments.dto';

@ApiTags('staffing')
@Controller({ path: 'facilities/:id/assignments', version: '1' })
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** A staff member on duty at the facility; 409 naming the clash when they are already on duty then. */
  @Post()
  @Roles(Role.Admin, Role.CampManager)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Body() dto: CreateAssignmentDto,
  ): Promise<AssignmentResponse> {
    return this.assignments.create(actor, facilityId, dto);
  }

  /** The facility's duty assignments in a time window. */
  @Get()
  @ApiPageResponse(AssignmentResponse)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Query() query: ListAssignmentsDto,
  ): Promise<Page<AssignmentResponse>> {
    return this.assignments.list(actor, facilityId, query);
  }

  /** Removes a duty assignment. */
  @Delete(':assignmentId')
  @Roles(Role.Admin, Role.CampManager)
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) facilityId: string,
    @Param('assignmentId', ParseUUIDPipe) assignmentId: string,
  ): Promise<void> {
    return this.assignments.remove(actor, facilityId, assignmentId);
  }
}
