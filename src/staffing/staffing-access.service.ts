import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScopeService, SqlCondition } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { Role } from '../users/user.entity';
import { Frame } from './frame.entity';
import { StaffMember } from './staff-member.entity';
import { ErrorCode } from '../common/errors/error-codes';

/**
 * Who sees and manages staff and frames, built on ScopeService's facility and unit rules:
 * - admins: everything;
 * - a district committee: the staff and frames of its unit and the units below it (and reads the frames
 *   deployed to facilities it can see);
 * - a camp manager: the staff who can serve at its facility (whose unit contains the facility's unit or
 *   lies within it) and the frames deployed there; it manages neither.
 * A single object outside one's scope answers 404; a visible one the actor may not change answers 403.
 */
@Injectable()
export class StaffingAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  staffCondition(actor: Actor, alias: string): SqlCondition {
    switch (actor.role) {
      case Role.Admin:
        return { sql: 'TRUE', params: {} };
      case Role.DistrictCommittee:
        return {
          sql: `${alias}.admin_unit_code IN (SELECT admin_unit_subtree(:scopeUnitCode))`,
          params: { scopeUnitCode: actor.adminUnitCode },
        };
      case Role.CampManager:
        return {
          sql: `EXISTS (SELECT 1 FROM facilities scope_f WHERE scope_f.id = :scopeFacilityId AND ${unitsRelatedSql(`${alias}.admin_unit_code`, 'scope_f.admin_unit_code')})`,
          params: { scopeFacilityId: actor.facilityId },
        };
    }
  }

  frameCondition(actor: Actor, alias: string): SqlCondition {
    switch (actor.role) {
      case Role.Admin:
        return { sql: 'TRUE', params: {} };
      case Role.DistrictCommittee: {
        const facilities = this.scope.facilityCondition(actor, 'scope_f');
        return {
          sql: `(${alias}.admin_unit_code IN (SELECT admin_unit_subtree(:scopeUnitCode))
                 OR EXISTS (SELECT 1 FROM facilities scope_f WHERE scope_f.id = ${alias}.facility_id AND ${facilities.sql}))`,
          params: { scopeUnitCode: actor.adminUnitCode, ...facilities.params },
        };
      }
      case Role.CampManager:
        return { sql: `${alias}.facility_id = :scopeFacilityId`, params: { scopeFacilityId: actor.facilityId } };
    }
  }

  async visibleStaff(actor: Actor, staffId: string, manager: EntityManager = this.db.manager): Promise<StaffMember> {
    const scope = this.staffCondition(actor, 's');
    const staff = await manager
      .createQueryBuilder(StaffMember, 's')
      .where('s.id = :staffId', { staffId })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!staff) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such staff member.' });
    return staff;
  }

  /** The staff member, if the actor may change them: an admin, or the committee of their unit (or above). */
  async manageableStaff(actor: Actor, staffId: string): Promise<StaffMember> {
    const staff = await this.visibleStaff(actor, staffId);
    await this.assertUnitManageable(actor, staff.adminUnitCode, 'these staff');
    return staff;
  }

  async visibleFrame(actor: Actor, frameId: string, manager: EntityManager = this.db.manager): Promise<Frame> {
    const scope = this.frameCondition(actor, 'fr');
    const frame = await manager
      .createQueryBuilder(Frame, 'fr')
      .where('fr.id = :frameId', { frameId })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!frame) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such frame.' });
    return frame;
  }

  /** The frame, if the actor may change it: an admin, or the committee of the frame's unit (or above). */
  async manageableFrame(actor: Actor, frameId: string): Promise<Frame> {
    const frame = await this.visibleFrame(actor, frameId);
    await this.assertUnitManageable(actor, frame.adminUnitCode, 'this frame');
    return frame;
  }

  /** 403 unless the actor is an admin or the committee of this unit or of a unit above it. */
  async assertUnitManageable(actor: Actor, adminUnitCode: string, what = 'staff and frames'): Promise<void> {
    if (actor.role === Role.Admin) return;
    if (actor.role === Role.DistrictCommittee && (await this.scope.isWithinUnit(adminUnitCode, actor.adminUnitCode!))) {
      return;
    }
    throw new ForbiddenException({
      code: ErrorCode.OUT_OF_SCOPE,
      message: `Only an admin or the committee of admin unit ${adminUnitCode} can manage ${what}.`,
    });
  }
}

/**
 * True when one unit lies within the other (or they are the same): a staff member of the province can
 * serve at any facility in it, a district's staff at the facilities of that district, not another's.
 */
export function unitsRelatedSql(a: string, b: string): string {
  return `(${a} IN (SELECT admin_unit_subtree(${b})) OR ${b} IN (SELECT admin_unit_subtree(${a})))`;
}
