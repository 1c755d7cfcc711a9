import { Role } from '../../users/user.entity';

/** The authenticated user behind a request, as the guard loaded it (fresh from the database). */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  facilityId: string | null;
  adminUnitCode: string | null;
}
