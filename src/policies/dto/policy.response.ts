import { Classification, QuarantinePolicy } from '../quarantine-policy.entity';

export class PolicyResponse {
  id: string;
  classification: Classification;
  vaccinated: boolean;
  durationDays: number;
  testDays: number[];
  homeMonitoringDays: number;
  /** Days after the release day on which a test is due at home. */
  postReleaseTestDays: number[];
  effectiveFrom: Date;
  notes: string | null;
}

export function toPolicyResponse(p: QuarantinePolicy): PolicyResponse {
  return {
    id: p.id,
    classification: p.classification,
    vaccinated: p.vaccinated,
    durationDays: p.durationDays,
    testDays: p.testDays,
    homeMonitoringDays: p.homeMonitoringDays,
    postReleaseTestDays: p.postReleaseTestDays,
    effectiveFrom: p.effectiveFrom,
    notes: p.notes,
  };
}
