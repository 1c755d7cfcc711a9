import { EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { Role, User } from './user.entity';

/**
 * Creates the first admin when there is no user at all, and says whether it did. Used at start-up
 * and by the sample-data command, so whichever runs first on a new database leaves a way to sign in.
 */
export async function ensureFirstAdmin(
  manager: EntityManager,
  hasher: PasswordHasher,
  username: string,
  password: string,
): Promise<boolean> {
  return manager.transaction(async (tx) => {
    // The advisory lock keeps two instances starting together from both creating an admin.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cachly:first-admin'))`);
    const [{ count }] = await tx.query(`SELECT count(*)::int AS count FROM users`);
    if (count > 0) return false;
    await tx.insert(User, {
      username,
      fullName: 'Administrator',
      role: Role.Admin,
      passwordHash: await hasher.hash(password),
    });
    return true;
  });
}
