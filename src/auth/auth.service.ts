import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Actor } from '../common/auth/actor';
import { Environment } from '../config/environment';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher';
import { LoginResponse, SessionUserResponse } from './dto/login.response';
import { ErrorCode } from '../common/errors/error-codes';

interface TokenClaims {
  sub: string;
  /** The user's token generation when the token was signed; see User.tokenGeneration. */
  gen?: number;
}

@Injectable()
export class AuthService {
  // Verifying against a real hash when the user does not exist keeps the answer time the same,
  // so response times do not reveal which usernames exist.
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Environment, true>,
  ) {
    this.decoyHash = hasher.hash('decoy-password-for-unknown-users');
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findForLogin(username);
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !ok) {
      throw new UnauthorizedException({
        code: ErrorCode.INVALID_CREDENTIALS,
        message: 'Wrong username or password.',
      });
    }
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    const accessToken = await this.jwt.signAsync({ sub: user.id, gen: user.tokenGeneration } satisfies TokenClaims, { expiresIn });
    return { accessToken, expiresIn, user: toSessionUser(user) };
  }

  /**
   * The actor for a bearer token, or null when the token is invalid, its user is deactivated, or it was
   * signed before the user's last password, role or scope change or deactivation.
   */
  async actorForToken(token: string): Promise<Actor | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    // Tokens signed before generations existed carry none: they count as generation 0, so the first
    // revocation ends them like any other.
    const generation = claims.gen ?? 0;
    if (typeof claims.sub !== 'string' || !Number.isInteger(generation)) return null;
    return this.users.findActiveActor(claims.sub, generation);
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
