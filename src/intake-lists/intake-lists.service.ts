import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { maskTail } from '../people/masking';
import { StaysService } from '../stays/stays.service';
import { Role } from '../users/user.entity';
import {
  AdmitIntakeRowDto,
  IntakeImportResponse,
  IntakeListDetailResponse,
  IntakeListResponse,
  IntakeRowResponse,
  ListIntakeListsDto,
  RejectIntakeRowDto,
  UploadIntakeListDto,
} from './dto/intake-list.dto';
import { IntakeList, IntakeListRow, IntakeRowError, IntakeRowStatus } from './intake-list.entity';
import { duplicateIdNumbers, IntakeRowValues, isBlank, mapHeaders, MAX_INTAKE_ROWS, validateRow } from './intake-rows';
import { readSheet, sheetFormatOf } from './intake-sheet';

export interface UploadedSheet {
  originalname: string;
  buffer: Buffer;
}

const LIST_COUNTS = `
  (SELECT count(*) FILTER (WHERE r.status = 'expected') FROM intake_list_rows r WHERE r.list_id = l.id)::int AS expected,
  (SELECT count(*) FILTER (WHERE r.status = 'admitted') FROM intake_list_rows r WHERE r.list_id = l.id)::int AS admitted,
  (SELECT count(*) FILTER (WHERE r.status = 'rejected') FROM intake_list_rows r WHERE r.list_id = l.id)::int AS rejected`;

@Injectable()
export class IntakeListsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly stays: StaysService,
  ) {}

  /** Reads and checks every row; keeps the valid ones as expected arrivals. */
  async upload(actor: Actor, dto: UploadIntakeListDto, file: UploadedSheet | undefined): Promise<IntakeImportResponse> {
    await this.scope.visibleFacility(actor, dto.facilityId);
    if (!file || file.buffer.length === 0) {
      throw new BadRequestException({ code: ErrorCode.INTAKE_FILE_MISSING, message: 'Attach the list as the multipart field "file".' });
    }
    const format = sheetFormatOf(file.originalname, file.buffer);
    const unreadable = (why: string) =>
      new BadRequestException({ code: ErrorCode.INTAKE_FILE_UNREADABLE, message: `The file could not be read: ${why}` });
    if (!format) throw unreadable('send an XLSX file, or a CSV file in UTF-8.');
    let sheet: string[][];
    try {
      sheet = await readSheet(format, file.buffer, MAX_INTAKE_ROWS);
    } catch (err) {
      throw unreadable(err instanceof Error && /UTF-8/.test(err.message) ? err.message : 'it is not a valid spreadsheet.');
    }
    const [header = [], ...body] = sheet;
    const { columns, missing } = mapHeaders(header);
    if (missing.length) {
      throw new BadRequestException({
        code: ErrorCode.INTAKE_HEADERS_MISSING,
        message: `The header row lacks the columns for: ${missing.join(', ')}. Start from the template.`,
      });
    }
    const dataRows = body.map((cells, i) => ({ cells, rowNumber: i + 2 })).filter((r) => !isBlank(r.cells));
    if (dataRows.length > MAX_INTAKE_ROWS) {
      throw new BadRequestException({
        code: ErrorCode.INTAKE_TOO_MANY_ROWS,
        message: `A list holds at most ${MAX_INTAKE_ROWS} people; split the file.`,
      });
    }

    const errors: IntakeRowError[] = [];
    let candidates: IntakeRowValues[] = [];
    const year = new Date().getFullYear();
    for (const { cells, rowNumber } of dataRows) {
      const checked = validateRow(cells, columns, rowNumber, year);
      errors.push(...checked.errors);
      if (checked.values) candidates.push(checked.values);
    }
    const refused = new Set<number>();
    const refuse = (e: IntakeRowError) => {
      errors.push(e);
      refused.add(e.row);
    };
    duplicateIdNumbers(candidates).forEach(refuse);
    await this.unknownCommunes(candidates).then((es) => es.forEach(refuse));
    await this.alreadyInQuarantine(candidates).then((es) => es.forEach(refuse));
    candidates = candidates.filter((r) => !refused.has(r.rowNumber));
    errors.sort((a, b) => a.row - b.row);

    const summary = { rows: dataRows.length, valid: candidates.length, invalid: dataRows.length - candidates.length, errors };
    if (candidates.length === 0) {
      throw new UnprocessableEntityException({
        code: ErrorCode.INTAKE_NO_VALID_ROWS,
        message: 'No row of the list is valid; nothing was imported.',
        details: summary,
      });
    }
    const list = await this.db.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(IntakeList, {
          facilityId: dto.facilityId,
          uploadedBy: actor.id,
          note: dto.note ?? null,
          fileName: file.originalname.slice(0, 255),
          rowCount: summary.rows,
          validCount: summary.valid,
          invalidCount: summary.invalid,
          errors,
        }),
      );
      for (let i = 0; i < candidates.length; i += 500) {
        await manager.insert(
          IntakeListRow,
          candidates.slice(i, i + 500).map((r) => ({ ...r, listId: saved.id })),
        );
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'intake_list.imported',
        entityType: 'intake_list',
        entityId: saved.id,
        facilityId: dto.facilityId,
        after: { rows: summary.rows, valid: summary.valid, invalid: summary.invalid },
      });
      return saved;
    });
    return { id: list.id, facilityId: list.facilityId, ...summary };
  }

  async list(actor: Actor, query: ListIntakeListsDto): Promise<Page<IntakeListResponse>> {
    if (query.facilityId) await this.scope.visibleFacility(actor, query.facilityId);
    const scope = this.scope.facilityCondition(actor, 'f');
    const qb = this.db
      .createQueryBuilder()
      .from(IntakeList, 'l')
      .innerJoin('facilities', 'f', 'f.id = l.facility_id')
      .where(scope.sql, scope.params);
    if (query.facilityId) qb.andWhere('l.facility_id = :facilityId', { facilityId: query.facilityId });
    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const rows = await qb
      .select('l.*')
      .addSelect(LIST_COUNTS)
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'ASC')
      .offset(offsetOf(query))
      .limit(query.limit)
      .getRawMany();
    return pageOf(rows.map(toListResponse), total?.n ?? 0, query);
  }

  async get(actor: Actor, id: string): Promise<IntakeListDetailResponse> {
    const list = await this.visibleList(actor, id);
    const [counts] = await this.db.query(`SELECT ${LIST_COUNTS} FROM intake_lists l WHERE l.id = $1`, [id]);
    const rows = await this.db.manager.find(IntakeListRow, { where: { listId: id }, order: { rowNumber: 'ASC' } });
    const reveal = this.mayAdmit(actor, list.facilityId);
    return {
      ...toListResponse({ ...snake(list), ...counts }),
      errors: list.errors,
      items: rows.map((r) => toRowResponse(r, reveal)),
    };
  }

  /**
   * Admits the row's person on arrival through the normal admission. Idempotent: the admission
   * carries a key of its own (the row), so a retry after a lost answer replays the same stay, and a
   * row already admitted answers with its stay.
   */
  async admit(actor: Actor, listId: string, rowId: string, dto: AdmitIntakeRowDto): Promise<IntakeRowResponse> {
    const list = await this.visibleList(actor, listId);
    this.scope.assertCanManage(actor, list.facilityId);
    const row = await this.row(listId, rowId);
    if (row.status === IntakeRowStatus.Admitted) return toRowResponse(row, true);
    if (row.status === IntakeRowStatus.Rejected) {
      throw new ConflictException({ code: ErrorCode.INTAKE_ROW_REJECTED, message: 'This person was marked as not arriving.' });
    }
    const known: { id: string }[] = row.idNumber
      ? await this.db.query(`SELECT id FROM people WHERE upper(id_number) = upper($1)`, [row.idNumber])
      : [];
    const person = known[0]
      ? { personId: known[0].id, personIdNumber: row.idNumber! }
      : {
          person: {
            fullName: row.fullName,
            sex: row.sex,
            ...(row.birthYear ? { birthYear: row.birthYear } : {}),
            ...(row.idNumber ? { idNumber: row.idNumber } : {}),
            ...(row.phone ? { phone: row.phone } : {}),
            ...(row.residenceAdminUnitCode ? { residenceAdminUnitCode: row.residenceAdminUnitCode } : {}),
            ...(row.address ? { address: row.address } : {}),
            ...(row.exposureNote ? { notes: row.exposureNote } : {}),
          },
        };
    const result = await this.stays.admit(
      actor,
      { facilityId: list.facilityId, classification: row.classification, vaccinated: row.vaccinated, bedId: dto.bedId, ...person } as never,
      { key: `intake-row:${row.id}`, requestHash: `intake-row:${row.id}` },
    );
    await this.db.transaction(async (manager) => {
      await manager.query(
        `UPDATE intake_list_rows SET status = 'admitted', stay_id = $2, updated_at = now() WHERE id = $1 AND status = 'expected'`,
        [row.id, result.body.id],
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'intake_row.admitted',
        entityType: 'intake_list_row',
        entityId: row.id,
        stayId: result.body.id,
        facilityId: list.facilityId,
      });
    });
    return toRowResponse(await this.row(listId, rowId), true);
  }

  async reject(actor: Actor, listId: string, rowId: string, dto: RejectIntakeRowDto): Promise<IntakeRowResponse> {
    const list = await this.visibleList(actor, listId);
    this.scope.assertCanManage(actor, list.facilityId);
    await this.db.transaction(async (manager) => {
      const [row]: { status: IntakeRowStatus }[] = await manager.query(
        `SELECT status FROM intake_list_rows WHERE id = $1 AND list_id = $2 FOR UPDATE`,
        [rowId, listId],
      );
      if (!row) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such row in this list.' });
      if (row.status === IntakeRowStatus.Admitted) {
        throw new ConflictException({ code: ErrorCode.INTAKE_ROW_ADMITTED, message: 'This person has already been admitted.' });
      }
      await manager.query(
        `UPDATE intake_list_rows SET status = 'rejected', reject_reason = $2, updated_at = now() WHERE id = $1`,
        [rowId, dto.reason],
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'intake_row.rejected',
        entityType: 'intake_list_row',
        entityId: rowId,
        facilityId: list.facilityId,
        reason: dto.reason,
      });
    });
    return toRowResponse(await this.row(listId, rowId), true);
  }

  private mayAdmit(actor: Actor, facilityId: string): boolean {
    return actor.role === Role.Admin || (actor.role === Role.CampManager && actor.facilityId === facilityId);
  }

  private async visibleList(actor: Actor, id: string): Promise<IntakeList> {
    const list = await this.db.manager.findOneBy(IntakeList, { id });
    if (!list || !(await this.scope.isFacilityVisible(actor, list.facilityId))) {
      throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such intake list.' });
    }
    return list;
  }

  private async row(listId: string, rowId: string): Promise<IntakeListRow> {
    const row = await this.db.manager.findOneBy(IntakeListRow, { id: rowId, listId });
    if (!row) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such row in this list.' });
    return row;
  }

  /** Residence codes must be communes (xã, phường, thị trấn) of the admin units table. */
  private async unknownCommunes(rows: IntakeRowValues[]): Promise<IntakeRowError[]> {
    const codes = [...new Set(rows.map((r) => r.residenceAdminUnitCode).filter((c): c is string => !!c))];
    if (codes.length === 0) return [];
    const found: { code: string }[] = await this.db.query(
      `SELECT code FROM admin_units WHERE code = ANY($1) AND level = 'commune'`,
      [codes],
    );
    const known = new Set(found.map((r) => r.code));
    return rows
      .filter((r) => r.residenceAdminUnitCode && !known.has(r.residenceAdminUnitCode))
      .map((r) => ({ row: r.rowNumber, field: 'residenceAdminUnitCode', message: `No commune has the code ${r.residenceAdminUnitCode}.` }));
  }

  /** People already in quarantine somewhere; where is not said (it may lie outside the uploader's area). */
  private async alreadyInQuarantine(rows: IntakeRowValues[]): Promise<IntakeRowError[]> {
    const ids = rows.map((r) => r.idNumber?.toUpperCase()).filter((c): c is string => !!c);
    if (ids.length === 0) return [];
    const open: { id_number: string }[] = await this.db.query(
      `SELECT DISTINCT upper(p.id_number) AS id_number
         FROM people p JOIN stays s ON s.person_id = p.id
        WHERE upper(p.id_number) = ANY($1) AND s.status IN ('admitted', 'positive')`,
      [ids],
    );
    const inQuarantine = new Set(open.map((r) => r.id_number));
    return rows
      .filter((r) => r.idNumber && inQuarantine.has(r.idNumber.toUpperCase()))
      .map((r) => ({ row: r.rowNumber, field: 'idNumber', message: 'This person is already in quarantine (an open stay).' }));
  }
}

function snake(list: IntakeList): Record<string, unknown> {
  return {
    id: list.id,
    facility_id: list.facilityId,
    note: list.note,
    file_name: list.fileName,
    row_count: list.rowCount,
    valid_count: list.validCount,
    invalid_count: list.invalidCount,
    created_at: list.createdAt,
  };
}

function toListResponse(r: Record<string, any>): IntakeListResponse {
  return {
    id: r.id,
    facilityId: r.facility_id,
    note: r.note,
    fileName: r.file_name,
    rows: r.row_count,
    valid: r.valid_count,
    invalid: r.invalid_count,
    expected: r.expected,
    admitted: r.admitted,
    rejected: r.rejected,
    createdAt: r.created_at,
  };
}

function toRowResponse(r: IntakeListRow, reveal: boolean): IntakeRowResponse {
  return {
    id: r.id,
    rowNumber: r.rowNumber,
    fullName: r.fullName,
    sex: r.sex,
    birthYear: r.birthYear,
    idNumber: reveal ? r.idNumber : maskTail(r.idNumber),
    phone: reveal ? r.phone : maskTail(r.phone),
    residenceAdminUnitCode: r.residenceAdminUnitCode,
    address: r.address,
    classification: r.classification,
    vaccinated: r.vaccinated,
    exposureNote: r.exposureNote,
    status: r.status,
    stayId: r.stayId,
    rejectReason: r.rejectReason,
  };
}
