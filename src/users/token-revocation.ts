import { Role } from './user.entity';

/** What of a user decides which tokens stay valid. */
export interface TokenHolder {
  role: Role;
  adminUnitCode: string | null;
  facilityId: string | null;
  active: boolean;
}

/**
 * Whether a change to a user revokes every token issued before it: a new password, a new role or
 * scope (a token must not keep powers its holder lost), or a deactivation. Reactivating someone
 * revokes nothing, and revives nothing either: their old tokens died with the deactivation.
 */
export function revokesTokens(before: TokenHolder, after: TokenHolder, passwordChanged: boolean): boolean {
  return (
    passwordChanged ||
    before.role !== after.role ||
    before.adminUnitCode !== after.adminUnitCode ||
    before.facilityId !== after.facilityId ||
    (before.active && !after.active)
  );
}
