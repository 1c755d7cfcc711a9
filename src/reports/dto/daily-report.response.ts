import { FacilityKind, FacilityStatus } from '../../facilities/facility.entity';

export class DailyFiguresResponse {
  /** People in quarantine (open stays) at the end of the day. */
  inQuarantine: number;
  /** Admissions that day (at their real time, also when entered later). */
  admitted: number;
  /** Releases that day. */
  released: number;
  /** Arrivals from another facility or bed that day. */
  transferredIn: number;
  /** Departures to another facility or bed that day. */
  transferredOut: number;
  /** Positive results that came in that day, counted where the sample was taken. */
  positives: number;
  /** Samples taken that day. */
  testsSampled: number;
  /** Samples taken by the end of the day still without a result then. */
  resultsPending: number;
  /** Beds registered by the end of the day. */
  bedsTotal: number;
  /** Beds with someone in them at the end of the day. */
  bedsOccupied: number;
}

export class DailyFacilityRowResponse extends DailyFiguresResponse {
  facilityId: string;
  code: string;
  name: string;
  kind: FacilityKind;
  status: FacilityStatus;
  adminUnitCode: string;
}

export class DailyUnitRowResponse extends DailyFiguresResponse {
  adminUnitCode: string;
  name: string;
  facilityCount: number;
}

export class DailyReportResponse {
  /** The unit reported on; null for the whole country. */
  adminUnitCode: string | null;
  name: string | null;
  /** The local day, YYYY-MM-DD. */
  date: string;
  /** The whole area on that day: the sum of the facility rows. */
  totals: DailyFiguresResponse;
  /** The same for the day before, to show the change. */
  previous: DailyFiguresResponse;
  /** One row per facility of the area you may see, in code order (closed ones too: they had a past). */
  facilities: DailyFacilityRowResponse[];
  /** One row per unit directly below the one reported on. */
  childUnits: DailyUnitRowResponse[];
}

export class DailySeriesDayResponse extends DailyFiguresResponse {
  /** The local day, YYYY-MM-DD. */
  date: string;
}

export class DailySeriesResponse {
  adminUnitCode: string | null;
  name: string | null;
  from: string;
  to: string;
  /** One row of totals per day, from `from` to `to`. */
  days: DailySeriesDayResponse[];
}
