import { BedStatus } from './bed.entity';
import { SexPolicy } from './room.entity';

/** One row of the bed census: how many beds of one status sit in rooms of one sex policy. */
export interface BedCensusRow {
  sexPolicy: SexPolicy;
  status: BedStatus;
  beds: number;
}

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

function emptyCounts(): BedCounts {
  return { totalBeds: 0, occupied: 0, available: 0, outOfService: 0 };
}

function add(counts: BedCounts, status: BedStatus, beds: number): void {
  counts.totalBeds += beds;
  if (status === BedStatus.Occupied) counts.occupied += beds;
  else if (status === BedStatus.Available) counts.available += beds;
  else counts.outOfService += beds;
}

/** Folds census rows (straight from the beds table) into the capacity figures shown to committees. */
export function foldCapacity(rows: Iterable<BedCensusRow>): CapacityCounts {
  const total = emptyCounts();
  const bySex = { male: emptyCounts(), female: emptyCounts(), mixed: emptyCounts() } as Record<SexPolicy, BedCounts>;
  for (const row of rows) {
    add(total, row.status, row.beds);
    add(bySex[row.sexPolicy], row.status, row.beds);
  }
  const inService = total.totalBeds - total.outOfService;
  const occupancyRate = inService === 0 ? 0 : Math.round((total.occupied / inService) * 10000) / 10000;
  return { ...total, occupancyRate, bySex };
}
