import { EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { Role, User } from './user.entity';

export type FirstAdminOutcome = 'created' | 'admin-exists' | 'username-taken';

/**
 * Creates an admin when there is no active admin at all, and says what happened. Used at start-up,
 * by the sample-data command and by the demo. Sample accounts alone must not lock everyone out: the
 * rule is "no active admin", not "no user".
 */
export async function ensureFirstAdmin(
  manager: EntityManager,
  hasher: PasswordHasher,
  username: string,
  password: string,
): Promise<FirstAdminOutcome> {
  const passwordHash = await hasher.hash(password);
  return manager.transaction(async (tx) => {
    // The advisory lock keeps two instances starting together from both creating an admin.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cachly:first-admin'))`);
    const [state]: { has_admin: boolean; taken: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active) AS has_admin,
              EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1)) AS taken`,
      [username],
    );
    if (state.has_admin) return 'admin-exists';
    if (state.taken) return 'username-taken';
    await tx.insert(User, { username, fullName: 'Administrator', role: Role.Admin, passwordHash });
    return 'created';
  });
}
