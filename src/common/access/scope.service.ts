import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Facility } from '../../facilities/facility.entity';
import { Role } from '../../users/user.entity';
import { Actor } from '../auth/actor';
import { ErrorCode } from '../errors/error-codes';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Who may see and change what, in one place. Roles are checked by the guard; this service checks
 * the object: admins reach everything, a district committee reads what lies in its admin unit and the
 * units below it, a camp manager reads and writes its own facility. A single object outside one's scope
 * answers 404, as if it did not exist.
 */
@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A condition on a facilities alias that keeps only the facilities the actor may see. */
  facilityCondition(actor: Actor, alias: string): SqlCondition {
    switch (actor.role) {
      case Role.Admin:
        return { sql: 'TRUE', params: {} };
      case Role.DistrictCommittee:
        return {
          sql: `${alias}.admin_unit_code IN (SELECT admin_unit_subtree(:scopeUnitCode))`,
          params: { scopeUnitCode: actor.adminUnitCode },
        };
      case Role.CampManager:
        return { sql: `${alias}.id = :scopeFacilityId`, params: { scopeFacilityId: actor.facilityId } };
    }
  }

  /**
   * A condition on a people alias that keeps only the people in the actor's registry scope:
   * - an admin: everyone;
   * - a district committee: people who reside in its area, or who have (or had) a stay in a facility
   *   of its area;
   * - a camp manager: people with a stay (open or past) in their facility, and people they registered
   *   themselves and have not admitted yet.
   * Anyone else is found only by an exact national id number (GET /people/lookup).
   */
  personCondition(actor: Actor, alias: string): SqlCondition {
    switch (actor.role) {
      case Role.Admin:
        return { sql: 'TRUE', params: {} };
      case Role.DistrictCommittee:
        return {
          sql: `(${alias}.residence_admin_unit_code IN (SELECT admin_unit_subtree(:scopeUnitCode))
                 OR EXISTS (SELECT 1 FROM stays scope_s JOIN facilities scope_f ON scope_f.id = scope_s.facility_id
                             WHERE scope_s.person_id = ${alias}.id
                               AND scope_f.admin_unit_code IN (SELECT admin_unit_subtree(:scopeUnitCode))))`,
          params: { scopeUnitCode: actor.adminUnitCode },
        };
      case Role.CampManager:
        return {
          sql: `(EXISTS (SELECT 1 FROM stays scope_s
                          WHERE scope_s.person_id = ${alias}.id AND scope_s.facility_id = :scopeFacilityId)
                 OR EXISTS (SELECT 1 FROM audit_events scope_a
                             WHERE scope_a.entity_id = ${alias}.id::text AND scope_a.action = 'person.created'
                               AND scope_a.actor_id = :scopeActorId))`,
          params: { scopeFacilityId: actor.facilityId, scopeActorId: actor.id },
        };
    }
  }

  /** Whether the person is in the actor's registry scope (see `personCondition`). */
  async isPersonVisible(actor: Actor, personId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    if (actor.role === Role.Admin) return true;
    const scope = this.personCondition(actor, 'p');
    const found = await manager
      .createQueryBuilder()
      .select('1')
      .from('people', 'p')
      .where('p.id = :personId', { personId })
      .andWhere(scope.sql, scope.params)
      .getRawOne();
    return Boolean(found);
  }

  /** The facility, if the actor may see it; 404 otherwise. */
  async visibleFacility(actor: Actor, facilityId: string, manager: EntityManager = this.db.manager): Promise<Facility> {
    const scope = this.facilityCondition(actor, 'f');
    const facility = await manager
      .createQueryBuilder(Facility, 'f')
      .where('f.id = :facilityId', { facilityId })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!facility) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such facility.' });
    return facility;
  }

  /** Whether the actor may see this facility (false for one that does not exist). */
  async isFacilityVisible(actor: Actor, facilityId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    return this.visibleFacility(actor, facilityId, manager).then(
      () => true,
      (e) => {
        if (e instanceof NotFoundException) return false;
        throw e;
      },
    );
  }

  /** The facility, if the actor may change things in it: an admin, or its own camp manager. */
  async manageableFacility(actor: Actor, facilityId: string, manager?: EntityManager): Promise<Facility> {
    const facility = await this.visibleFacility(actor, facilityId, manager);
    this.assertCanManage(actor, facility.id);
    return facility;
  }

  /** 403 unless the actor is an admin or the camp manager of this (visible) facility. */
  assertCanManage(actor: Actor, facilityId: string): void {
    if (actor.role === Role.Admin) return;
    if (actor.role === Role.CampManager && actor.facilityId === facilityId) return;
    throw new ForbiddenException({
      code: ErrorCode.OUT_OF_SCOPE,
      message: 'Only an admin or the camp manager of this facility can change it.',
    });
  }

  /** For a collection filtered by admin unit: 403 when the unit lies outside the actor's scope. */
  async assertUnitInScope(actor: Actor, adminUnitCode: string): Promise<void> {
    if (actor.role === Role.Admin) return;
    if (actor.role === Role.DistrictCommittee && (await this.isWithinUnit(adminUnitCode, actor.adminUnitCode!))) return;
    if (actor.role === Role.CampManager) {
      const [row] = await this.db.query(
        `SELECT 1 FROM facilities f WHERE f.id = $1 AND f.admin_unit_code IN (SELECT admin_unit_subtree($2))`,
        [actor.facilityId, adminUnitCode],
      );
      if (row) return;
    }
    throw new ForbiddenException({
      code: ErrorCode.OUT_OF_SCOPE,
      message: `Admin unit ${adminUnitCode} is outside your area.`,
    });
  }

  /** True when `code` is `ancestor` or lies below it. */
  async isWithinUnit(code: string, ancestor: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM admin_unit_subtree($1) AS c WHERE c = $2`, [ancestor, code]);
    return Boolean(row);
  }
}
