import { TestKind, TestResult } from '../test-sample.entity';

export class TestSampleResponse {
  id: string;
  stayId: string;
  facilityId: string;
  personId: string;
  fullName: string;
  /** The policy day this sample fulfils; null for an extra test. */
  scheduledDay: number | null;
  kind: TestKind;
  sampledAt: Date;
  result: TestResult;
  resultAt: Date | null;
  lab: string | null;
  takenBy: string | null;
  recordedBy: string | null;
  /** False for a sample taken before the stay's period restarted: it no longer fulfils its day. */
  currentPeriod: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A test_samples row joined with its stay and person, as read by the testing service. */
export interface TestSampleRow {
  id: string;
  stay_id: string;
  facility_id: string;
  person_id: string;
  full_name: string;
  scheduled_day: number | null;
  kind: TestKind;
  sampled_at: Date;
  result: TestResult;
  result_at: Date | null;
  lab: string | null;
  taken_by: string | null;
  recorded_by: string | null;
  current_period: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toTestSampleResponse(r: TestSampleRow): TestSampleResponse {
  return {
    id: r.id,
    stayId: r.stay_id,
    facilityId: r.facility_id,
    personId: r.person_id,
    fullName: r.full_name,
    scheduledDay: r.scheduled_day,
    kind: r.kind,
    sampledAt: r.sampled_at,
    result: r.result,
    resultAt: r.result_at,
    lab: r.lab,
    takenBy: r.taken_by,
    recordedBy: r.recorded_by,
    currentPeriod: r.current_period,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
