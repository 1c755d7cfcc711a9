import { DECOY_HASH, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('makes hashes that verify, with the settings the decoy was made with', async () => {
    const hash = await hasher.hash('a-good-password');
    expect(await hasher.verify(hash, 'a-good-password')).toBe(true);
    expect(await hasher.verify(hash, 'another-password')).toBe(false);
    expect(hasher.needsRehash(hash)).toBe(false);
    // The decoy must cost what a real hash costs: same settings, else remake it with hasher.hash.
    expect(hasher.needsRehash(DECOY_HASH)).toBe(false);
    expect(hash.split('$').slice(0, 4)).toEqual(DECOY_HASH.split('$').slice(0, 4));
  });

  it('refuses any password against the decoy and a malformed hash', async () => {
    expect(await hasher.verify(DECOY_HASH, 'decoy')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'decoy')).toBe(false);
    expect(hasher.needsRehash('not-a-hash')).toBe(false);
  });
});
