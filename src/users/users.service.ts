import { Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import { Actor } from '../common/auth/actor';
import { onlyGiven } from '../common/pagination/filters';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { Environment } from '../config/environment';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersDto } from './dto/list-users.dto';
import { toUserResponse, UserResponse } from './dto/user.response';
import { UpdateUserDto } from './dto/update-user.dto';
import { ensureFirstAdmin } from './first-admin';
import { revokesTokens } from './token-revocation';
import { Role, User } from './user.entity';
import { ErrorCode } from '../common/errors/error-codes';
import { preparedQuery } from '../common/sql/hot-query';

const NO_ADMIN_HINT =
  'no active admin account: create one with `npm run admin -- create --username NAME` (or reset a password with `npm run admin -- reset-password --username NAME`)';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService<Environment, true>,
    private readonly audit: AuditService,
  ) {}

  /** Creates an admin from ADMIN_USERNAME / ADMIN_PASSWORD when there is no active admin. */
  async onApplicationBootstrap(): Promise<void> {
    const username = this.config.get('ADMIN_USERNAME', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    if (!username || !password) {
      const [{ count }] = await this.users.query(`SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND active`);
      if (count === 0) this.logger.warn(NO_ADMIN_HINT);
      return;
    }
    const outcome = await ensureFirstAdmin(this.users.manager, this.hasher, username, password);
    if (outcome === 'created') this.logger.log(`created the first admin account "${username}"`);
    if (outcome === 'username-taken') this.logger.warn(`there is no active admin and "${username}" is taken: ${NO_ADMIN_HINT}`);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    const { password, ...fields } = dto;
    // Hashing is slow on purpose: done before the transaction, so no row waits on it.
    const passwordHash = await this.hasher.hash(password);
    return this.users.manager.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(User, {
          ...fields,
          adminUnitCode: fields.adminUnitCode ?? null,
          facilityId: fields.facilityId ?? null,
          passwordHash,
        }),
      );
      const user = toUserResponse(await manager.findOneByOrFail(User, { id: saved.id }));
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { ...user },
      });
      return user;
    });
  }

  async list(query: ListUsersDto): Promise<Page<UserResponse>> {
    const [rows, total] = await this.users.findAndCount({
      where: onlyGiven({ role: query.role, active: query.active }),
      order: { username: 'ASC', id: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    return pageOf(rows.map(toUserResponse), total, query);
  }

  async get(id: string): Promise<UserResponse> {
    return toUserResponse(await this.getOrFail(id));
  }

  /**
   * Changes a user. A new password, role or scope, or a deactivation, revokes every token the user
   * holds (see `revokesTokens`); the change, the revocation and the audit entry commit together.
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const { password, ...fields } = dto;
    const passwordHash = password ? await this.hasher.hash(password) : undefined;
    return this.users.manager.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such user.' });
      const changes: Partial<User> = { ...fields };
      if (dto.role && dto.role !== user.role) {
        // A new role drops the scope that belonged to the old one unless the request sets it.
        if (dto.adminUnitCode === undefined && dto.role !== Role.DistrictCommittee) changes.adminUnitCode = null;
        if (dto.facilityId === undefined && dto.role !== Role.CampManager) changes.facilityId = null;
      }
      if (passwordHash) changes.passwordHash = passwordHash;
      const revoke = revokesTokens(user, { ...user, ...changes }, Boolean(passwordHash));
      if (Object.keys(changes).length > 0) await manager.update(User, { id }, changes);
      if (revoke) await manager.query(`UPDATE users SET token_generation = token_generation + 1 WHERE id = $1`, [id]);

      const after = toUserResponse(await manager.findOneByOrFail(User, { id }));
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before: { ...toUserResponse(user) },
        // Never the password or its hash: only that it changed.
        after: { ...after, passwordChanged: Boolean(passwordHash), tokensRevoked: revoke },
      });
      return after;
    });
  }

  /** The actor behind a token, or null when the user is gone or deactivated, or the token was revoked. */
  async findActiveActor(id: string, tokenGeneration: number, tokenId: string | null): Promise<Actor | null> {
    // Plain SQL, one round trip: the guard asks this on every request. A token signed out of (its id in
    // revoked_tokens, written by AuthService.revoke) finds no user; a token without an id is never revoked.
    const [actor] = await preparedQuery<Actor>(
      this.users.manager,
      `SELECT id, username, role, facility_id AS "facilityId", admin_unit_code AS "adminUnitCode"
         FROM users
        WHERE id = $1 AND active AND token_generation = $2
          AND NOT EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $3::uuid)`,
      [id, tokenGeneration, tokenId],
    );
    return actor ?? null;
  }

  /** For login: the active user with this username (any case), including the password hash. */
  findForLogin(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.tokenGeneration'])
      .where('lower(u.username) = lower(:username)', { username })
      .andWhere('u.active')
      .getOne();
  }

  /**
   * Stores the same password hashed with today's settings (see PasswordHasher), unless the password
   * changed meanwhile. Not audited: nothing a person can see changes, only how the secret is kept.
   */
  async storeRehashedPassword(id: string, previousHash: string, newHash: string): Promise<void> {
    await this.users.query(`UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2`, [id, previousHash, newHash]);
  }

  private async getOrFail(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such user.' });
    return user;
  }
}
