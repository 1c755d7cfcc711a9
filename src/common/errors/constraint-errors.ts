import { HttpStatus } from '@nestjs/common';

interface ConstraintError {
  status: HttpStatus;
  message: string;
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
};

export function registerConstraintErrors(errors: Record<string, ConstraintError>): void {
  Object.assign(CONSTRAINT_ERRORS, errors);
}
