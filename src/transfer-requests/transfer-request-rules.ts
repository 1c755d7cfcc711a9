import { Actor } from '../common/auth/actor';
import { Role } from '../users/user.entity';

/**
 * Who may do what with a transfer request between facilities. `inArea` says whether the facility in
 * question lies in a committee's area (ignored for other roles).
 * - ask: the source facility's manager, a committee covering the source, or an admin;
 * - accept or reject: the target facility's manager, a committee covering the target, or an admin;
 * - cancel: whoever asked, or an admin.
 */
export function mayAsk(actor: Actor, fromFacilityId: string, inArea: boolean): boolean {
  return sideOf(actor, fromFacilityId, inArea);
}

export function mayDecide(actor: Actor, toFacilityId: string, inArea: boolean): boolean {
  return sideOf(actor, toFacilityId, inArea);
}

export function mayCancel(actor: Actor, requestedBy: string): boolean {
  return actor.role === Role.Admin || actor.id === requestedBy;
}

function sideOf(actor: Actor, facilityId: string, inArea: boolean): boolean {
  switch (actor.role) {
    case Role.Admin:
      return true;
    case Role.CampManager:
      return actor.facilityId === facilityId;
    case Role.DistrictCommittee:
      return inArea;
  }
}
