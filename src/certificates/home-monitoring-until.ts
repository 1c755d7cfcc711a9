/**
 * The last day of home monitoring printed on a certificate. One place, so that the rule of the
 * home-monitoring hand-off can replace it: until then, the day fixed on the stay at its release.
 */
export function certificateHomeMonitoringUntil(stay: { homeMonitoringUntil: string | null }): string | null {
  return stay.homeMonitoringUntil;
}

/** The days after release on which a test is due, as printed on a certificate (Công điện 597/600: day 7). */
export function certificatePostReleaseTestDays(): number[] {
  return [7];
}
