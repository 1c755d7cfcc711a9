import { SexPolicy } from '../facilities/room.entity';
import { Sex } from '../people/person.entity';
import { Classification } from '../policies/quarantine-policy.entity';

/** Confirmed cases (F0) are never placed with anyone else; all other classifications may share. */
export type RiskGroup = 'F0' | 'contact';

export function riskGroup(classification: Classification): RiskGroup {
  return classification === Classification.F0 ? 'F0' : 'contact';
}

export interface PlacementCandidate {
  sex: Sex;
  cohortDate: string;
  riskGroup: RiskGroup;
}

export interface RoomOccupant {
  cohortDate: string;
  riskGroup: RiskGroup;
}

/**
 * Why a person may not go into a room, or null when they may: the room's sex policy must fit, and a
 * room holds one cohort (admission day) and one risk group at a time.
 */
export function placementProblem(
  room: { code: string; sexPolicy: SexPolicy },
  occupants: RoomOccupant[],
  candidate: PlacementCandidate,
): string | null {
  if (room.sexPolicy !== SexPolicy.Mixed && room.sexPolicy !== (candidate.sex as string)) {
    return `Room ${room.code} is for ${room.sexPolicy} people only.`;
  }
  const otherCohort = occupants.find((o) => o.cohortDate !== candidate.cohortDate);
  if (otherCohort) {
    return `Room ${room.code} holds the cohort admitted on ${otherCohort.cohortDate}; cohorts are not mixed.`;
  }
  if (occupants.some((o) => o.riskGroup !== candidate.riskGroup)) {
    return candidate.riskGroup === 'F0'
      ? `Room ${room.code} holds contacts; a confirmed case (F0) needs a room of F0 only.`
      : `Room ${room.code} holds confirmed cases (F0); contacts cannot be placed there.`;
  }
  return null;
}
