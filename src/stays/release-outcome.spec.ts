import { Classification } from '../policies/quarantine-policy.entity';
import { decideRelease } from './release-outcome';
import { ReleaseOutcome } from './stay.entity';

const served = { classification: Classification.F1, blockers: [] };
const early = { classification: Classification.F1, blockers: ['the quarantine period is not over'] };
const positive = { classification: Classification.F0, blockers: ['the day 7 test is positive'] };

describe('decideRelease', () => {
  it('completes a stay whose rules are met', () => {
    expect(decideRelease({}, served)).toEqual({ ok: true, outcome: 'completed', destination: null, reason: null });
    expect(decideRelease({ outcome: ReleaseOutcome.Completed }, served)).toMatchObject({ ok: true, outcome: 'completed' });
  });

  it('refuses to complete a stay whose rules are not met', () => {
    expect(decideRelease({ outcome: ReleaseOutcome.Completed }, early)).toMatchObject({ ok: false, status: 422, code: 'RELEASE_NOT_DUE' });
    expect(decideRelease({}, early)).toMatchObject({ ok: false, code: 'RELEASE_NOT_DUE' });
  });

  it('reads an override without an outcome as "other" with its reason', () => {
    expect(decideRelease({ overrideReason: 'Committee order no. 12' }, early)).toEqual({
      ok: true,
      outcome: 'other',
      destination: null,
      reason: 'Committee order no. 12',
    });
  });

  it('needs a reason for "other"', () => {
    expect(decideRelease({ outcome: ReleaseOutcome.Other }, served)).toMatchObject({ ok: false, status: 400, code: 'RELEASE_REASON_REQUIRED' });
    expect(decideRelease({ outcome: ReleaseOutcome.Other, reason: 'Family emergency, approved' }, served)).toMatchObject({ ok: true, outcome: 'other' });
  });

  it('transfers a confirmed case to treatment with no test gate, and only with a destination', () => {
    expect(decideRelease({ outcome: ReleaseOutcome.TransferredToTreatment, destination: 'Bệnh viện Đa khoa tỉnh' }, positive)).toEqual({
      ok: true,
      outcome: 'transferred_to_treatment',
      destination: 'Bệnh viện Đa khoa tỉnh',
      reason: null,
    });
    expect(decideRelease({ outcome: ReleaseOutcome.TransferredToTreatment }, positive)).toMatchObject({ status: 400, code: 'RELEASE_DESTINATION_REQUIRED' });
  });

  it('transfers nobody but an F0 to treatment', () => {
    expect(decideRelease({ outcome: ReleaseOutcome.TransferredToTreatment, destination: 'Bệnh viện' }, served)).toMatchObject({
      status: 422,
      code: 'NOT_A_CONFIRMED_CASE',
    });
  });

  it('refuses a destination without a transfer to treatment', () => {
    expect(decideRelease({ destination: 'Bệnh viện' }, served)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});
