import { Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
import { Role, User } from './user.entity';

const NO_ADMIN_HINT =
  'no active admin account: create one with `npm run admin -- create --username NAME` (or reset a password with `npm run admin -- reset-password --username NAME`)';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService<Environment, true>,
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

  async create(dto: CreateUserDto): Promise<UserResponse> {
    const { password, ...fields } = dto;
    const saved = await this.users.save(
      this.users.create({
        ...fields,
        adminUnitCode: fields.adminUnitCode ?? null,
        facilityId: fields.facilityId ?? null,
        passwordHash: await this.hasher.hash(password),
      }),
    );
    return toUserResponse(await this.getOrFail(saved.id));
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

  async update(id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const user = await this.getOrFail(id);
    const { password, ...fields } = dto;
    const changes: Partial<User> = { ...fields };
    if (dto.role && dto.role !== user.role) {
      // A new role drops the scope that belonged to the old one unless the request sets it.
      if (dto.adminUnitCode === undefined && dto.role !== Role.DistrictCommittee) changes.adminUnitCode = null;
      if (dto.facilityId === undefined && dto.role !== Role.CampManager) changes.facilityId = null;
    }
    if (password) changes.passwordHash = await this.hasher.hash(password);
    await this.users.update({ id }, changes);
    return toUserResponse(await this.getOrFail(id));
  }

  /** The actor behind a token, or null when the user is gone or deactivated. */
  async findActiveActor(id: string): Promise<Actor | null> {
    // Plain SQL: the guard asks this on every request.
    const [actor]: Actor[] = await this.users.query(
      `SELECT id, username, role, facility_id AS "facilityId", admin_unit_code AS "adminUnitCode"
         FROM users WHERE id = $1 AND active`,
      [id],
    );
    return actor ?? null;
  }

  /** For login: the active user with this username (any case), including the password hash. */
  findForLogin(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .andWhere('u.active')
      .getOne();
  }

  private async getOrFail(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException('No such user.');
    return user;
  }
}
