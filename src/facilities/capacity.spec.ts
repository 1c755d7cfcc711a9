import { BedStatus } from './bed.entity';
import { foldCapacity } from './capacity';
import { SexPolicy } from './room.entity';

describe('foldCapacity', () => {
  it('counts an empty facility as zero with a zero occupancy rate', () => {
    const c = foldCapacity([]);
    expect(c).toMatchObject({ totalBeds: 0, occupied: 0, available: 0, outOfService: 0, occupancyRate: 0 });
  });

  it('adds up statuses overall and per sex policy', () => {
    const c = foldCapacity([
      { sexPolicy: SexPolicy.Male, status: BedStatus.Occupied, beds: 3 },
      { sexPolicy: SexPolicy.Male, status: BedStatus.Available, beds: 5 },
      { sexPolicy: SexPolicy.Female, status: BedStatus.OutOfService, beds: 2 },
      { sexPolicy: SexPolicy.Mixed, status: BedStatus.Available, beds: 4 },
    ]);
    expect(c).toMatchObject({ totalBeds: 14, occupied: 3, available: 9, outOfService: 2 });
    expect(c.bySex.male).toEqual({ totalBeds: 8, occupied: 3, available: 5, outOfService: 0 });
    expect(c.bySex.female).toEqual({ totalBeds: 2, occupied: 0, available: 0, outOfService: 2 });
    expect(c.bySex.mixed.available).toBe(4);
  });

  it('leaves beds out of service out of the occupancy rate', () => {
    const c = foldCapacity([
      { sexPolicy: SexPolicy.Male, status: BedStatus.Occupied, beds: 1 },
      { sexPolicy: SexPolicy.Male, status: BedStatus.Available, beds: 2 },
      { sexPolicy: SexPolicy.Male, status: BedStatus.OutOfService, beds: 7 },
    ]);
    expect(c.occupancyRate).toBe(0.3333);
  });
});
