import { randomUUID } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { Environment } from '../config/environment';
import { UsersService } from '../users/users.service';
import { DECOY_HASH, PasswordHasher } from './password-hasher';
import { VerifiedTokens } from './verified-tokens';
import { LoginResponse, SessionUserResponse } from './dto/login.response';
import { ErrorCode } from '../common/errors/error-codes';

interface TokenClaims {
  sub: string;
  /** The user's token generation when the token was signed; see User.tokenGeneration. */
  gen?: number;
  /** The token's own id, so that a sign-out can end this one session (see revoked_tokens). */
  jti?: string;
  /** Expiry, seconds since the epoch (set by the signer). */
  exp?: number;
}

/** Sessions whose token signature need not be checked again (a few hundred bytes each). */
const VERIFIED_TOKENS_KEPT = 5_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuthService {
  private readonly verified = new VerifiedTokens<TokenClaims>(VERIFIED_TOKENS_KEPT);

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findForLogin(username);
    // An unknown user is checked against the decoy, so that the answer takes as long (see DECOY_HASH).
    const ok = await this.hasher.verify(user?.passwordHash ?? DECOY_HASH, password);
    if (!user || !ok) {
      throw new UnauthorizedException({
        code: ErrorCode.INVALID_CREDENTIALS,
        message: 'Wrong username or password.',
      });
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.storeRehashedPassword(user.id, user.passwordHash, await this.hasher.hash(password));
    }
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    const accessToken = await this.jwt.signAsync({ sub: user.id, gen: user.tokenGeneration, jti: randomUUID() } satisfies TokenClaims, { expiresIn });
    return { accessToken, expiresIn, user: toSessionUser(user) };
  }

  /**
   * The actor for a bearer token, or null when the token is invalid, its user is deactivated, or it was
   * signed before the user's last password, role or scope change or deactivation.
   */
  async actorForToken(token: string): Promise<Actor | null> {
    let claims = this.verified.get(token, Math.floor(Date.now() / 1000));
    if (!claims) {
      try {
        claims = await this.jwt.verifyAsync<TokenClaims>(token);
      } catch {
        return null;
      }
      this.verified.add(token, claims);
    }
    // Tokens signed before generations existed carry none: they count as generation 0, so the first
    // revocation ends them like any other.
    const generation = claims.gen ?? 0;
    if (typeof claims.sub !== 'string' || !Number.isInteger(generation)) return null;
    // Tokens signed before token ids existed carry none: they cannot be revoked one by one and end at expiry.
    if (claims.jti !== undefined && (typeof claims.jti !== 'string' || !UUID.test(claims.jti))) return null;
    return this.users.findActiveActor(claims.sub, generation, claims.jti ?? null);
  }

  /**
   * Ends one session: the token stops working at once, the user's other sessions go on. A token that is
   * already invalid (or carries no id) is left alone. Rows of tokens that have expired anyway are deleted
   * in the same statement, so the table holds only sign-outs within one token lifetime.
   */
  async revoke(token: string | undefined): Promise<void> {
    if (!token) return;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return;
    }
    if (typeof claims.jti !== 'string' || !UUID.test(claims.jti) || typeof claims.exp !== 'number') return;
    await this.db.query(
      `WITH expired AS (DELETE FROM revoked_tokens WHERE expires_at < now())
       INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT (jti) DO NOTHING`,
      [claims.jti, claims.exp],
    );
  }
}

export function toSessionUser(user: Actor): SessionUserResponse {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    facilityId: user.facilityId,
    adminUnitCode: user.adminUnitCode,
  };
}
