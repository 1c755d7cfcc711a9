import { Role } from '../../users/user.entity';

export class SessionUserResponse {
  id: string;
  username: string;
  role: Role;
  facilityId: string | null;
  adminUnitCode: string | null;
}

export class LoginResponse {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  user: SessionUserResponse;
}
