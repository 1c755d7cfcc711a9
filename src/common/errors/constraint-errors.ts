import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-codes';

export interface ConstraintError {
  status: HttpStatus;
  /** The stable code a client matches on; without one, the default of the status. */
  code?: ErrorCode;
  message: string;
}

/**
 * Database constraints that a client can run into, and what to tell them. The database is the last
 * word on these rules (it holds under concurrency); this table only turns its refusal into words.
 */
export const CONSTRAINT_ERRORS: Record<string, ConstraintError> = {
  UQ_users_username_lower: { status: HttpStatus.CONFLICT, code: ErrorCode.ALREADY_EXISTS, message: 'A user with this username already exists.' },
  CHK_users_scope_matches_role: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    code: ErrorCode.RULE_REFUSED,
    message:
      'A district committee user needs an admin unit, a camp manager needs a facility, and an admin needs neither.',
  },
  PK_admin_units: { status: HttpStatus.CONFLICT, code: ErrorCode.ALREADY_EXISTS, message: 'An admin unit with this code already exists.' },
  UQ_facilities_code: { status: HttpStatus.CONFLICT, code: ErrorCode.ALREADY_EXISTS, message: 'A facility with this code already exists.' },
  UQ_rooms_facility_code: { status: HttpStatus.CONFLICT, code: ErrorCode.ALREADY_EXISTS, message: 'This facility already has a room with this code.' },
  UQ_beds_room_code: { status: HttpStatus.CONFLICT, code: ErrorCode.ALREADY_EXISTS, message: 'This room already has a bed with this code.' },
  FK_users_admin_unit: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'There is no admin unit with this code.' },
  FK_users_facility: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'No such facility.' },
  FK_facilities_admin_unit: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'There is no admin unit with this code.' },
  UQ_people_id_number: { status: HttpStatus.CONFLICT, code: ErrorCode.ID_NUMBER_TAKEN, message: 'A person with this ID number is already registered.' },
  FK_people_residence_admin_unit: { status: HttpStatus.NOT_FOUND, code: ErrorCode.REFERENCED_NOT_FOUND, message: 'There is no admin unit with this code.' },
  // Says nothing of where: the facility may lie outside the caller's scope.
  UQ_stays_open_person: {
    status: HttpStatus.CONFLICT,
    code: ErrorCode.PERSON_HAS_OPEN_STAY,
    message: 'This person already has an open stay (one open stay per person).',
  },
  UQ_stays_open_bed: { status: HttpStatus.CONFLICT, code: ErrorCode.BED_TAKEN, message: 'This bed was taken by someone else at the same moment.' },
  EXC_stays_one_cohort_per_room: {
    status: HttpStatus.CONFLICT,
    code: ErrorCode.COHORT_CONFLICT,
    message: 'That room now holds another cohort; cohorts are not mixed. Try again to get another bed.',
  },
  CHK_beds_occupancy_matches_stays: {
    status: HttpStatus.CONFLICT,
    code: ErrorCode.CONCURRENT_CHANGE,
    message: 'The bed changed at the same moment; please try again.',
  },
  UQ_quarantine_policies_version: {
    status: HttpStatus.CONFLICT,
    code: ErrorCode.ALREADY_EXISTS,
    message: 'A version of this policy already takes effect at that exact time.',
  },
};

export function registerConstraintErrors(errors: Record<string, ConstraintError>): void {
  Object.assign(CONSTRAINT_ERRORS, errors);
}
