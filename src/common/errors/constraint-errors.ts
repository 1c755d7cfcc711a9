import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-codes';

interface ConstraintError {
  status: HttpStatus;
  message: string;
  /** The ErrorCode to answer with; the default of the status when absent. */
  code?: ErrorCode;
}

/**
 * Database constraints that a client can run into, and what to tell them. The database is the last
 * word on these rules (it holds under concurrency); this table only turns its refusal into words.
 */
export const CONSTRAINT_ERRORS: Record<string, ConstraintError> = {
  UQ_users_username_lower: { status: HttpStatus.CONFLICT, message: 'A user with this username already exists.' },
  CHK_users_scope_matches_role: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    message:
      'A district committee user needs an admin unit, a camp manager needs a facility, and an admin needs neither.',
  },
  PK_admin_units: { status: HttpStatus.CONFLICT, message: 'An admin unit with this code already exists.' },
  UQ_facilities_code: { status: HttpStatus.CONFLICT, message: 'A facility with this code already exists.' },
  UQ_rooms_facility_code: { status: HttpStatus.CONFLICT, message: 'This facility already has a room with this code.' },
  UQ_beds_room_code: { status: HttpStatus.CONFLICT, message: 'This room already has a bed with this code.' },
  FK_users_admin_unit: { status: HttpStatus.NOT_FOUND, message: 'There is no admin unit with this code.' },
  FK_users_facility: { status: HttpStatus.NOT_FOUND, message: 'No such facility.' },
  FK_facilities_admin_unit: { status: HttpStatus.NOT_FOUND, message: 'There is no admin unit with this code.' },
  UQ_people_id_number: { status: HttpStatus.CONFLICT, message: 'A person with this ID number is already registered.' },
  FK_people_residence_admin_unit: { status: HttpStatus.NOT_FOUND, message: 'There is no admin unit with this code.' },
  // Says nothing of where: the facility may lie outside the caller's scope.
  UQ_stays_open_person: {
    status: HttpStatus.CONFLICT,
    message: 'This person already has an open stay (one open stay per person).',
    code: ErrorCode.PERSON_HAS_OPEN_STAY,
  },
  UQ_stays_open_bed: { status: HttpStatus.CONFLICT, message: 'This bed was taken by someone else at the same moment.' },
  EXC_stays_one_cohort_per_room: {
    status: HttpStatus.CONFLICT,
    message: 'That room now holds another cohort; cohorts are not mixed. Try again to get another bed.',
  },
  CHK_beds_occupancy_matches_stays: {
    status: HttpStatus.CONFLICT,
    message: 'The bed changed at the same moment; please try again.',
  },
  UQ_quarantine_policies_version: {
    status: HttpStatus.CONFLICT,
    message: 'A version of this policy already takes effect at that exact time.',
  },
};

export function registerConstraintErrors(errors: Record<string, ConstraintError>): void {
  Object.assign(CONSTRAINT_ERRORS, errors);
}
