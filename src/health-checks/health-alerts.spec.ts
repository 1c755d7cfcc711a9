import { healthAlertMessage, healthAlerts } from './health-alerts';

const t = { feverC: 38.0, lowSpo2: 94 };

describe('health check alerts', () => {
  it('raises nothing for a normal check', () => {
    expect(healthAlerts({ temperatureC: 37.4, spo2: 98, symptoms: [] }, t)).toEqual([]);
    expect(healthAlerts({ temperatureC: 37.9, spo2: null, symptoms: [] }, t)).toEqual([]);
  });

  it('counts 38.0 °C as fever and 93 % as low, but not 94 %', () => {
    expect(healthAlerts({ temperatureC: 38.0, spo2: 94, symptoms: [] }, t)).toEqual(['fever']);
    expect(healthAlerts({ temperatureC: 36.8, spo2: 93, symptoms: [] }, t)).toEqual(['low_spo2']);
  });

  it('raises all three for a feverish, breathless person with a cough', () => {
    expect(healthAlerts({ temperatureC: 39.1, spo2: 90, symptoms: ['cough', 'shortness_of_breath'] }, t)).toEqual([
      'fever',
      'low_spo2',
      'symptoms_reported',
    ]);
  });

  it('follows configured thresholds', () => {
    expect(healthAlerts({ temperatureC: 37.6, spo2: 95, symptoms: [] }, { feverC: 37.5, lowSpo2: 96 })).toEqual([
      'fever',
      'low_spo2',
    ]);
  });

  it('says who, what and which round', () => {
    const check = { temperatureC: 38.6, spo2: null, symptoms: ['cough', 'aches'], round: 'morning', roundDate: '2021-08-01' };
    const who = { fullName: 'Lâm Thị Hoa', roomCode: 'A101', bedCode: '02' };
    expect(healthAlertMessage('fever' as never, check, who)).toBe(
      'Fever: Lâm Thị Hoa (room A101, bed 02) had 38.6 °C in the morning round of 2021-08-01.',
    );
    expect(healthAlertMessage('symptoms_reported' as never, check, who)).toMatch(/reported cough, aches or fatigue/);
  });
});
