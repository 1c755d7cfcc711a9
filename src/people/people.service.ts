import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { rowInsert } from '../database/row-insert';
import { Statement } from '../common/sql/combined-write';
import { entityFromRow } from '../database/entity-from-row';
import { escapeLike } from '../common/sql/escape-like';
import { Role } from '../users/user.entity';
import { CreatePersonDto } from './dto/create-person.dto';
import { ListPeopleDto } from './dto/list-people.dto';
import { PersonResponse, toPersonResponse } from './dto/person.response';
import { UpdatePersonDto } from './dto/update-person.dto';
import { Person } from './person.entity';
import { digitsOnly, searchText } from './search-text';
import { hotQuery } from '../common/sql/hot-query';

/** Fields derived from what a client sends, kept in one place. */
function derivedFields(dto: Partial<CreatePersonDto>): Partial<Person> {
  const derived: Partial<Person> = {};
  if (dto.fullName !== undefined) derived.searchName = searchText(dto.fullName);
  if (dto.phone !== undefined) derived.phoneDigits = dto.phone === null ? null : digitsOnly(dto.phone);
  return derived;
}

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
  ) {}

  /**
   * Creates a person inside the caller's transaction and returns the audit entry of the creation,
   * which the caller appends in that same transaction. (An admission runs insertStatement inside its
   * first statement instead, and writes the entry together with the stay's.) The ID number's
   * uniqueness is decided by the insert itself (ON CONFLICT on UQ_people_id_number); only when it is
   * taken is the registered person looked up, for the answer.
   */
  async create(manager: EntityManager, actor: Actor, dto: CreatePersonDto): Promise<CreatedPerson> {
    const [row] = await hotQuery<Record<string, unknown>>(manager, ...this.insertStatement(manager, dto));
    return this.created(manager, actor, dto, row ?? null);
  }

  /**
   * The INSERT of a new person, not run: RETURNING * gives the row as stored, defaults included,
   * without reading it back, and a taken ID number (the only unique key a new person can collide on)
   * inserts nothing. For a caller that runs it as part of a statement of its own (an admission's
   * first), then hands the row to `created`.
   */
  insertStatement(manager: EntityManager, dto: CreatePersonDto): Statement {
    const [insert, params] = rowInsert(manager, Person, { ...dto, ...derivedFields(dto) });
    return [`${insert} ON CONFLICT DO NOTHING RETURNING *`, params];
  }

  /** The person the insert stored (its row; null when the ID number was taken: 409), and their audit entry. */
  async created(manager: EntityManager, actor: Actor, dto: CreatePersonDto, row: Record<string, unknown> | null): Promise<CreatedPerson> {
    if (!row) throw await this.alreadyRegistered(manager, dto);
    const person = entityFromRow(manager, Person, row);
    const auditEntry: AuditEntry = {
      actorId: actor.id,
      action: 'person.created',
      entityType: 'person',
      entityId: person.id,
      personId: person.id,
      after: auditView(person),
    };
    return { person, auditEntry };
  }

  async createOne(actor: Actor, dto: CreatePersonDto): Promise<PersonResponse> {
    const person = await this.db.transaction(async (m) => {
      const created = await this.create(m, actor, dto);
      await this.audit.record(m, created.auditEntry);
      return created.person;
    });
    return toPersonResponse(person, true);
  }

  /** The answer when the insert found the ID number taken (the only unique key a new person can collide on). */
  private async alreadyRegistered(manager: EntityManager, dto: CreatePersonDto): Promise<ConflictException> {
    const existing = dto.idNumber ? await manager.findOneBy(Person, { idNumber: dto.idNumber }) : null;
    // Whoever sends the exact number may find this person by lookup anyway: the id tells nothing more.
    return new ConflictException({
      code: ErrorCode.PERSON_ALREADY_REGISTERED,
      message: existing
        ? `A person with this ID number is already registered (id ${existing.id}); admit them by personId together with their idNumber.`
        : 'A person with this ID number is already registered; admit them by personId together with their idNumber.',
    });
  }

  /** Finds people by name, id number or phone, within the actor's registry scope only. */
  async search(actor: Actor, query: ListPeopleDto): Promise<Page<PersonResponse>> {
    const scope = this.scope.personCondition(actor, 'p');
    const qb = this.db.manager.createQueryBuilder(Person, 'p').where(scope.sql, scope.params);
    if (query.q) {
      const name = searchText(query.q);
      const digits = digitsOnly(query.q);
      qb.andWhere(
        `(p.search_name LIKE :name OR p.id_number = :raw${digits.length >= 6 ? ' OR p.phone_digits = :digits' : ''})`,
        { name: `%${escapeLike(name)}%`, raw: query.q.trim(), digits },
      );
    }
    const [rows, total] = await qb
      .orderBy('p.search_name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip(offsetOf(query))
      .take(query.limit)
      .getManyAndCount();
    const revealed = await this.revealedFor(actor, rows.map((p) => p.id));
    return pageOf(rows.map((p) => toPersonResponse(p, revealed.has(p.id))), total, query);
  }

  /** One person in the actor's registry scope; 404 otherwise, as if they did not exist. */
  async get(actor: Actor, id: string): Promise<PersonResponse> {
    const person = await this.db.manager.findOneBy(Person, { id });
    if (!person || !(await this.scope.isPersonVisible(actor, id))) {
      throw new NotFoundException({
        code: ErrorCode.NOT_FOUND,
        message: 'No such person.',
      });
    }
    return toPersonResponse(person, (await this.revealedFor(actor, [id])).has(id));
  }

  /**
   * The person with exactly this national id number, wherever they are registered, with id number and
   * phone masked unless the actor may see them in full; 404 when there is none. This is how a camp
   * manager finds someone registered elsewhere in order to admit them: by the number on their card,
   * never by browsing names outside their scope.
   */
  async lookup(actor: Actor, idNumber: string): Promise<PersonResponse> {
    const person = await this.db.manager.findOneBy(Person, { idNumber });
    if (!person) {
      throw new NotFoundException({
        code: ErrorCode.NOT_FOUND,
        message: 'No person is registered with this ID number.',
      });
    }
    return toPersonResponse(person, (await this.revealedFor(actor, [person.id])).has(person.id));
  }

  /**
   * A registered person whom the actor may admit: one in their registry scope, or one whose exact
   * national id number the request gives (as GET /people/lookup finds them). Anyone else is not found.
   * Whether they are free to be admitted (no open stay elsewhere) is the admission's own check.
   */
  async admissible(manager: EntityManager, actor: Actor, personId: string, idNumber?: string): Promise<Person> {
    const person = await manager.findOneBy(Person, { id: personId });
    const known =
      person !== null &&
      ((idNumber !== undefined && person.idNumber !== null && person.idNumber === idNumber) ||
        (await this.scope.isPersonVisible(actor, personId, manager)));
    if (!known) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such person.' });
    return person;
  }

  /**
   * Admins, and the camp manager of the facility where the person is held now (an open stay), may
   * correct a record. Outside the actor's registry scope: 404; in scope but not held there now: 403.
   */
  async update(actor: Actor, id: string, dto: UpdatePersonDto): Promise<PersonResponse> {
    return this.db.transaction(async (manager) => {
      const before = await manager.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before || !(await this.scope.isPersonVisible(actor, id, manager))) {
        throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such person.' });
      }
      if (actor.role !== Role.Admin) {
        const [own] = await manager.query(
          `SELECT 1 FROM stays WHERE person_id = $1 AND facility_id = $2 AND status IN ('admitted', 'positive')`,
          [id, actor.facilityId],
        );
        if (!own) {
          throw new ForbiddenException({
            code: ErrorCode.OUT_OF_SCOPE,
            message: 'Only an admin or the camp manager of the facility where this person is held now can correct their record.',
          });
        }
      }
      if (dto.idNumber && dto.idNumber !== before.idNumber) {
        const clash = await manager.findOneBy(Person, { idNumber: dto.idNumber });
        if (clash) {
          throw new ConflictException({
            code: ErrorCode.ID_NUMBER_TAKEN,
            message: `ID number ${dto.idNumber} already belongs to another person.`,
          });
        }
      }
      await manager.update(Person, { id }, { ...dto, ...derivedFields(dto) });
      const after = await manager.findOneByOrFail(Person, { id });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'person.updated',
        entityType: 'person',
        entityId: id,
        personId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return toPersonResponse(after, true);
    });
  }

  /** The rule of revealedFor for one person whose open stay is at `facilityId` (e.g. being admitted there). */
  revealedAt(actor: Actor, facilityId: string): boolean {
    return actor.role === Role.Admin || (actor.role === Role.CampManager && actor.facilityId === facilityId);
  }

  /**
   * The ids among `personIds` whose ID and phone this actor may see in full: an admin, everyone's; a
   * camp manager, those of the people held in their facility now (an open stay); a committee, no one's
   * (it oversees numbers and places, not contact details).
   */
  async revealedFor(actor: Actor, personIds: string[], manager: EntityManager = this.db.manager): Promise<Set<string>> {
    if (actor.role === Role.Admin) return new Set(personIds);
    if (actor.role !== Role.CampManager || personIds.length === 0) return new Set();
    const rows: { person_id: string }[] = await manager.query(
      `SELECT DISTINCT person_id FROM stays
        WHERE facility_id = $1 AND person_id = ANY($2::uuid[]) AND status IN ('admitted', 'positive')`,
      [actor.facilityId, personIds],
    );
    return new Set(rows.map((r) => r.person_id));
  }
}

/** What the audit log keeps of a person: the record as a client would see it in full. */
export function auditView(p: Person): Record<string, unknown> {
  return { ...toPersonResponse(p, true) };
}

/** A person just stored, and the audit entry the caller writes with its own (see AuditService.insertStatement). */
export interface CreatedPerson {
  person: Person;
  auditEntry: AuditEntry;
}
