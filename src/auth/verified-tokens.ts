/**
 * Tokens whose signature has been checked, with their claims, kept until they expire: the guard sees the
 * same token on every request of a session, and checking its HMAC again each time cost more than the
 * rest of the guard in Node.js. A signature never turns valid or invalid later, and expiry is checked
 * on every hit; whether the user is still active and the token not signed out is still asked of the
 * database on every request. The oldest entries make way when the cache is full.
 */
export class VerifiedTokens<Claims extends { exp?: number }> {
  private readonly entries = new Map<string, Claims>();

  constructor(private readonly capacity: number) {}

  /** The claims of a token checked before and not expired at `nowSeconds`; undefined otherwise. */
  get(token: string, nowSeconds: number): Claims | undefined {
    const claims = this.entries.get(token);
    if (claims === undefined) return undefined;
    // As jsonwebtoken reads exp: expired from that second on.
    if (claims.exp !== undefined && nowSeconds >= claims.exp) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  add(token: string, claims: Claims): void {
    if (this.entries.size >= this.capacity && !this.entries.has(token)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(token, claims);
  }
}
