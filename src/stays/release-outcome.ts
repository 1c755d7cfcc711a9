import { ErrorCode } from '../common/errors/error-codes';
import { Classification } from '../policies/quarantine-policy.entity';
import { ReleaseOutcome } from './stay.entity';

export interface ReleaseRequest {
  outcome?: ReleaseOutcome;
  destination?: string;
  reason?: string;
  /** The reason of the older `override: { reason }` form. */
  overrideReason?: string;
}

export interface ReleaseContext {
  classification: Classification;
  /** What stands between the stay and a completed release (see releaseBlockers). */
  blockers: string[];
}

export type ReleaseDecision =
  | { ok: true; outcome: ReleaseOutcome; destination: string | null; reason: string | null }
  | { ok: false; status: 400 | 422; code: ErrorCode; message: string };

const refuse = (status: 400 | 422, code: ErrorCode, message: string): ReleaseDecision => ({ ok: false, status, code, message });

/**
 * How a stay ends, from what the manager asked and where the stay stands:
 * - completed: only when nothing blocks it (period served, every scheduled test negative);
 * - transferred_to_treatment: a confirmed case (F0) leaves for treatment; needs a destination, and
 *   neither the period nor the tests hold it back;
 * - other: the override, released although the rules are not met, with a written reason.
 * Without an outcome: completed when nothing blocks it, other when a reason is given, refused otherwise.
 */
export function decideRelease(request: ReleaseRequest, context: ReleaseContext): ReleaseDecision {
  const reason = request.reason ?? request.overrideReason ?? null;
  const outcome =
    request.outcome ?? (context.blockers.length === 0 ? ReleaseOutcome.Completed : reason ? ReleaseOutcome.Other : null);
  const notMet = () =>
    refuse(
      422,
      ErrorCode.RELEASE_NOT_DUE,
      `This person cannot be released yet: ${context.blockers.join('; ')}. ` +
        'To release anyway, give the outcome "other" with a written reason.',
    );
  if (outcome === null) return notMet();

  if (request.destination !== undefined && outcome !== ReleaseOutcome.TransferredToTreatment) {
    return refuse(400, ErrorCode.BAD_REQUEST, 'A destination goes only with the outcome "transferred_to_treatment".');
  }
  switch (outcome) {
    case ReleaseOutcome.Completed:
      if (request.outcome && reason) {
        return refuse(400, ErrorCode.BAD_REQUEST, 'A completed release needs no reason; a reason goes with the outcome "other".');
      }
      if (context.blockers.length > 0) return notMet();
      return { ok: true, outcome, destination: null, reason: null };
    case ReleaseOutcome.TransferredToTreatment:
      if (context.classification !== Classification.F0) {
        return refuse(
          422,
          ErrorCode.NOT_A_CONFIRMED_CASE,
          'Only a confirmed case (F0) is transferred to treatment; record the positive result first.',
        );
      }
      if (!request.destination) {
        return refuse(400, ErrorCode.RELEASE_DESTINATION_REQUIRED, 'Say where the person is taken for treatment (destination).');
      }
      return { ok: true, outcome, destination: request.destination, reason: null };
    case ReleaseOutcome.Other:
      if (!reason) {
        return refuse(400, ErrorCode.RELEASE_REASON_REQUIRED, 'A release with the outcome "other" needs a written reason.');
      }
      return { ok: true, outcome, destination: null, reason };
  }
}
