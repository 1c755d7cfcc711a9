import { Role, User } from '../user.entity';

export class UserResponse {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  adminUnitCode: string | null;
  facilityId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The only way a user leaves the service: never with its password hash. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    adminUnitCode: user.adminUnitCode,
    facilityId: user.facilityId,
    active: user.active,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
