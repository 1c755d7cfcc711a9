import { capacityOf, NO_BEDS } from './capacity';

describe('capacityOf', () => {
  it('counts an empty facility as zero with a zero occupancy rate', () => {
    const c = capacityOf(NO_BEDS);
    expect(c).toMatchObject({ totalBeds: 0, occupied: 0, available: 0, outOfService: 0, occupancyRate: 0 });
    expect(c.bySex.mixed).toEqual({ totalBeds: 0, occupied: 0, available: 0, outOfService: 0 });
  });

  it('adds up statuses overall and per sex policy', () => {
    const c = capacityOf({ ...NO_BEDS, maleOccupied: 3, maleAvailable: 5, femaleOutOfService: 2, mixedAvailable: 4 });
    expect(c).toMatchObject({ totalBeds: 14, occupied: 3, available: 9, outOfService: 2 });
    expect(c.bySex.male).toEqual({ totalBeds: 8, occupied: 3, available: 5, outOfService: 0 });
    expect(c.bySex.female).toEqual({ totalBeds: 2, occupied: 0, available: 0, outOfService: 2 });
    expect(c.bySex.mixed.available).toBe(4);
  });

  it('leaves beds out of service out of the occupancy rate', () => {
    const c = capacityOf({ ...NO_BEDS, maleOccupied: 1, maleAvailable: 2, maleOutOfService: 7 });
    expect(c.occupancyRate).toBe(0.3333);
  });
});
