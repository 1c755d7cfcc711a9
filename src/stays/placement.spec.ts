import { SexPolicy } from '../facilities/room.entity';
import { Sex } from '../people/person.entity';
import { Classification } from '../policies/quarantine-policy.entity';
import { placementProblem, riskGroup } from './placement';

const man = { sex: Sex.Male, cohortDate: '2021-08-01', riskGroup: 'contact' as const };
const maleRoom = { code: 'A1', sexPolicy: SexPolicy.Male };

describe('placement rules', () => {
  it('puts an F1 man in an empty men’s or mixed room', () => {
    expect(placementProblem(maleRoom, [], man)).toBeNull();
    expect(placementProblem({ code: 'F1', sexPolicy: SexPolicy.Mixed }, [], man)).toBeNull();
  });

  it('refuses a room of the other sex', () => {
    expect(placementProblem({ code: 'B2', sexPolicy: SexPolicy.Female }, [], man)).toMatch(/female people only/);
  });

  it('keeps cohorts apart', () => {
    expect(placementProblem(maleRoom, [{ cohortDate: '2021-07-31', riskGroup: 'contact' }], man)).toMatch(
      /cohort admitted on 2021-07-31/,
    );
    expect(placementProblem(maleRoom, [{ cohortDate: '2021-08-01', riskGroup: 'contact' }], man)).toBeNull();
  });

  it('never places an F0 with contacts, nor contacts with an F0', () => {
    const f0 = { ...man, riskGroup: riskGroup(Classification.F0) };
    expect(placementProblem(maleRoom, [{ cohortDate: '2021-08-01', riskGroup: 'contact' }], f0)).toMatch(/F0 only/);
    expect(placementProblem(maleRoom, [{ cohortDate: '2021-08-01', riskGroup: 'F0' }], man)).toMatch(/cannot be placed/);
  });

  it('counts F1, F2, F3 and precaution as one risk group', () => {
    expect(riskGroup(Classification.F1)).toBe(riskGroup(Classification.Precaution));
    expect(riskGroup(Classification.F0)).toBe('F0');
  });
});
