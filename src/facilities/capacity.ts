import { SexPolicy } from './room.entity';

export interface BedCounts {
  totalBeds: number;
  occupied: number;
  available: number;
  outOfService: number;
}

export interface CapacityCounts extends BedCounts {
  /** occupied / beds in service (total minus out of service), 0 when there are none; 4 decimals. */
  occupancyRate: number;
  bySex: Record<SexPolicy, BedCounts>;
}

export const SEX_POLICIES: readonly SexPolicy[] = [SexPolicy.Male, SexPolicy.Female, SexPolicy.Mixed];

/** The three bed statuses a count is kept for, as column suffixes of SexPolicyCounts. */
export const COUNTED_STATUSES = ['Available', 'Occupied', 'OutOfService'] as const;

/**
 * Beds by sex policy and status, one field each (maleAvailable, femaleOutOfService, ...): how the
 * roll-up's SQL returns the running counts, one row per facility or unit (see CapacityRepository).
 */
export type SexPolicyCounts = Record<`${SexPolicy}${(typeof COUNTED_STATUSES)[number]}`, number>;

export const NO_BEDS = Object.fromEntries(
  SEX_POLICIES.flatMap((sex) => COUNTED_STATUSES.map((status) => [`${sex}${status}`, 0])),
) as SexPolicyCounts;

/** The capacity figures shown to committees, from the counts of one facility or area. */
export function capacityOf(counts: SexPolicyCounts): CapacityCounts {
  const total: BedCounts = { totalBeds: 0, occupied: 0, available: 0, outOfService: 0 };
  const bySex = {} as Record<SexPolicy, BedCounts>;
  for (const sex of SEX_POLICIES) {
    const occupied = counts[`${sex}Occupied`];
    const available = counts[`${sex}Available`];
    const outOfService = counts[`${sex}OutOfService`];
    const totalBeds = occupied + available + outOfService;
    bySex[sex] = { totalBeds, occupied, available, outOfService };
    total.totalBeds += totalBeds;
    total.occupied += occupied;
    total.available += available;
    total.outOfService += outOfService;
  }
  const inService = total.totalBeds - total.outOfService;
  const occupancyRate = inService === 0 ? 0 : Math.round((total.occupied / inService) * 10000) / 10000;
  return { ...total, occupancyRate, bySex };
}
