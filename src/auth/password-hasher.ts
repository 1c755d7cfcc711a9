import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * Argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet: 19 MiB of memory,
 * 2 iterations, 1 lane). The library's own default asks 64 MiB and 4 threads per hash, which a login
 * holds for its duration: one sign-in raised the service's peak memory by more than 100 MB. Hashing
 * runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which bounds how
 * many hashes, and so how many 19 MiB blocks, exist at once.
 * A hash string carries its own salt and settings, so hashes made with other settings still verify;
 * `needsRehash` tells the login to store the password again with these.
 */
const SETTINGS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * A hash of a random password nobody knows, made once with SETTINGS: a login for an unknown username
 * is checked against it, so that it takes as long as one for a real user and response times do not
 * tell which usernames exist. A constant, so that no process spends a hash (and its memory) at start;
 * password-hasher.spec.ts fails if SETTINGS change without it.
 */
export const DECOY_HASH = '$argon2id$v=19$m=19456,p=1,t=2$5UVrC9q9HLNSN/6FR0lZKg$Ko9+54AppNumo/w4DKTYdfoPw0IWcJpBaLqmECAjlj4';

@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, SETTINGS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Whether a stored hash was made with other settings than today's (it still verifies). */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, SETTINGS);
    } catch {
      return false;
    }
  }
}
