import { AlertType } from '../alerts/alert.entity';

export interface HealthThresholds {
  /** °C from which a temperature is a fever (38.0 by default). */
  feverC: number;
  /** % below which SpO2 is low (94 by default). */
  lowSpo2: number;
}

export interface CheckReadings {
  temperatureC: number;
  spo2: number | null;
  symptoms: readonly string[];
}

/** The alert types a health check raises at once. The others of the three it would resolve. */
export const HEALTH_ALERT_TYPES = [AlertType.Fever, AlertType.LowSpo2, AlertType.SymptomsReported] as const;
export type HealthAlertType = (typeof HEALTH_ALERT_TYPES)[number];

/** Which of fever, low_spo2 and symptoms_reported a check's readings call for. */
export function healthAlerts(check: CheckReadings, t: HealthThresholds): HealthAlertType[] {
  const alerts: HealthAlertType[] = [];
  if (check.temperatureC >= t.feverC) alerts.push(AlertType.Fever);
  if (check.spo2 !== null && check.spo2 < t.lowSpo2) alerts.push(AlertType.LowSpo2);
  if (check.symptoms.length > 0) alerts.push(AlertType.SymptomsReported);
  return alerts;
}

const SYMPTOM_WORDS: Record<string, string> = {
  fever: 'fever',
  cough: 'cough',
  sore_throat: 'sore throat',
  runny_nose: 'runny nose',
  aches: 'aches or fatigue',
  shortness_of_breath: 'shortness of breath',
  loss_of_taste_smell: 'loss of taste or smell',
  other: 'other symptoms',
};

/** The alert's message, in words a camp manager reads on the board. */
export function healthAlertMessage(
  type: HealthAlertType,
  check: CheckReadings & { round: string | null; roundDate: string },
  who: { fullName: string; roomCode: string; bedCode: string },
): string {
  const where = `${who.fullName} (room ${who.roomCode}, bed ${who.bedCode})`;
  const when = check.round ? `${check.round} round of ${check.roundDate}` : `check of ${check.roundDate}`;
  switch (type) {
    case AlertType.Fever:
      return `Fever: ${where} had ${check.temperatureC.toFixed(1)} °C in the ${when}.`;
    case AlertType.LowSpo2:
      return `Low SpO2: ${where} had ${check.spo2} % in the ${when}.`;
    case AlertType.SymptomsReported:
      return `Symptoms: ${where} reported ${check.symptoms.map((s) => SYMPTOM_WORDS[s] ?? s).join(', ')} in the ${when}.`;
  }
}
