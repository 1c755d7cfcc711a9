import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { Facility } from '../facilities/facility.entity';
import { ReplaceStaffingRequirementsDto } from './dto/staffing-requirements.dto';
import { StaffingRequirementsResponse } from './dto/staffing-requirements.response';
import { DEFAULT_REQUIREMENTS, duplicateRole } from './requirements';
import { STAFF_ROLES } from './staff-member.entity';
import { StaffingRequirement } from './staffing-requirement.entity';
import { ErrorCode } from '../common/errors/error-codes';

@Injectable()
export class RequirementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, facilityId: string): Promise<StaffingRequirementsResponse> {
    const facility = await this.scope.visibleFacility(actor, facilityId);
    return this.current(facility);
  }

  /** Replaces the whole set; an empty set puts the facility back on the defaults of its kind. */
  async replace(actor: Actor, facilityId: string, dto: ReplaceStaffingRequirementsDto): Promise<StaffingRequirementsResponse> {
    const facility = await this.scope.manageableFacility(actor, facilityId);
    const duplicate = duplicateRole(dto.requirements);
    if (duplicate) {
      throw new BadRequestException({
        code: ErrorCode.DUPLICATE_IN_REQUEST,
        message: `The role ${duplicate} appears twice; give each role once.`,
      });
    }
    await this.db.transaction(async (manager) => {
      // Serialises concurrent replacements of the same facility's set without locking the facility row.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('cachly:staffing-requirements:' || $1))`, [facilityId]);
      const before = await manager.find(StaffingRequirement, { where: { facilityId } });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'staffing_requirements.replaced',
        entityType: 'facility',
        entityId: facilityId,
        facilityId,
        before: { requirements: before.map((r) => ({ role: r.role, minOnDuty: r.minOnDuty, perOccupants: r.perOccupants })) },
        after: { requirements: dto.requirements },
      });
      await manager.delete(StaffingRequirement, { facilityId });
      if (dto.requirements.length > 0) {
        await manager.insert(
          StaffingRequirement,
          dto.requirements.map((r) => ({
            facilityId,
            role: r.role,
            minOnDuty: r.minOnDuty,
            perOccupants: r.perOccupants ?? null,
          })),
        );
      }
    });
    return this.current(facility);
  }

  private async current(facility: Facility): Promise<StaffingRequirementsResponse> {
    const rows = await this.db.manager.find(StaffingRequirement, { where: { facilityId: facility.id } });
    const own = rows.length > 0;
    const requirements = (own ? rows : DEFAULT_REQUIREMENTS[facility.kind])
      .map((r) => ({ role: r.role, minOnDuty: r.minOnDuty, perOccupants: r.perOccupants }))
      .sort((a, b) => STAFF_ROLES.indexOf(a.role) - STAFF_ROLES.indexOf(b.role));
    return { facilityId: facility.id, source: own ? 'facility' : 'default', requirements };
  }
}
