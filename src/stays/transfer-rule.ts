import { Role } from '../users/user.entity';

/** Who asks, as far as the transfer rule needs to know. */
export interface Mover {
  role: Role;
  facilityId: string | null;
}

export type TransferVerdict =
  /** The move may go ahead. */
  | 'allowed'
  /** A camp manager asked to move someone out of (or into) a facility other than their own. */
  | 'own_facility_only'
  /** A committee asked to move someone into a facility outside its area. */
  | 'target_out_of_scope';

/**
 * Who may move a person from one facility (and bed) to another:
 * - an admin, anywhere;
 * - a camp manager, only between beds of their own facility (moving someone to another facility is
 *   agreed by both sides, not decided by one of them);
 * - a district committee, when its area covers both facilities (it orders moves between the
 *   facilities it runs).
 * `targetInScope` says whether the target facility lies in the actor's area (for committees). The
 * source stay must already be visible to the actor; that is checked before this rule is asked.
 */
export function transferVerdict(
  actor: Mover,
  fromFacilityId: string,
  toFacilityId: string,
  targetInScope: boolean,
): TransferVerdict {
  switch (actor.role) {
    case Role.Admin:
      return 'allowed';
    case Role.CampManager:
      return fromFacilityId === actor.facilityId && toFacilityId === actor.facilityId ? 'allowed' : 'own_facility_only';
    case Role.DistrictCommittee:
      return targetInScope ? 'allowed' : 'target_out_of_scope';
  }
}
