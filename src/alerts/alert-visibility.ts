import { SqlCondition } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { Role } from '../users/user.entity';

/**
 * Who sees which alert, written once for the alerts list, acknowledging and the alerts export.
 * Over aliases `a` (alerts) and `f` (the alert's facility): the alerts of the facilities in the
 * actor's scope (`facilities`, ScopeService.facilityCondition on `f`) and, for a committee, also those
 * addressed to the committee of a residence in its area (home monitoring, a positive result after
 * release), whatever facility raised them.
 */
export function alertVisibilityCondition(actor: Actor, facilities: SqlCondition): SqlCondition {
  if (actor.role !== Role.DistrictCommittee) return facilities;
  return {
    sql: `(${facilities.sql} OR ${alertInAreaSql(':residenceUnitCode', { facilitiesToo: false })})`,
    params: { ...facilities.params, residenceUnitCode: actor.adminUnitCode },
  };
}

/**
 * An alert belongs to an area (an admin unit and the units below it, `unit` being an SQL expression
 * such as a parameter) when its facility lies there or it is addressed to the committee of a residence
 * there. With `facilitiesToo: false`, only the second half.
 */
export function alertInAreaSql(unit: string, options: { facilitiesToo?: boolean } = {}): string {
  const residence = `a.residence_admin_unit_code IN (SELECT admin_unit_subtree(${unit}))`;
  if (options.facilitiesToo === false) return residence;
  return `(f.admin_unit_code IN (SELECT admin_unit_subtree(${unit})) OR ${residence})`;
}
