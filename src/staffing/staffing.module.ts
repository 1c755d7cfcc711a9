import { Module } from '@nestjs/common';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { CoverageService } from './coverage.service';
import { FlagStaffingJob } from './flag-staffing.job';
import { FramesController } from './frames.controller';
import { FramesService } from './frames.service';
import { RequirementsService } from './requirements.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';
import { StaffingAccess } from './staffing-access.service';
import { registerStaffingConstraintErrors } from './staffing-constraint-errors';
import { StaffingController } from './staffing.controller';

registerStaffingConstraintErrors();

/** Staff, quarantine frames, staffing requirements, duty assignments and coverage. */
@Module({
  controllers: [StaffController, FramesController, AssignmentsController, StaffingController],
  providers: [StaffingAccess, StaffService, FramesService, AssignmentsService, RequirementsService, CoverageService, FlagStaffingJob],
  exports: [CoverageService, FlagStaffingJob],
})
export class StaffingModule {}
