import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { offsetOf, Page, PageQueryDto, pageOf } from '../common/pagination/pagination';
import { Bed, BedStatus } from './bed.entity';
import { CreateRoomDto } from './dto/create-room.dto';
import { BedResponse, RoomResponse, toBedResponse, toRoomResponse } from './dto/room.response';
import { UpdateBedDto } from './dto/update-bed.dto';
import { Room } from './room.entity';
import { ErrorCode } from '../common/errors/error-codes';
import { BED_CODE_SQL } from './bed-codes';

@Injectable()
export class RoomsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Creates rooms with their numbered beds in one transaction: all of them or none. */
  async createRooms(actor: Actor, facilityId: string, rooms: CreateRoomDto[]): Promise<RoomResponse[]> {
    await this.scope.manageableFacility(actor, facilityId);
    const duplicate = rooms.map((r) => r.code).find((code, i, codes) => codes.indexOf(code) !== i);
    if (duplicate) {
      throw new ConflictException({
        code: ErrorCode.DUPLICATE_IN_REQUEST,
        message: `Room code ${duplicate} appears twice in this request.`,
      });
    }

    const roomIds = await this.db.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO rooms (facility_id, code, building, floor, sex_policy)
         SELECT $1, r.code, r.building, r.floor, r.sex_policy::room_sex_policy
           FROM jsonb_to_recordset($2::jsonb) AS r(code text, building text, floor smallint, sex_policy text, ord int)
          ORDER BY r.ord
         RETURNING id`,
        [
          facilityId,
          JSON.stringify(
            rooms.map((r, ord) => ({
              code: r.code,
              building: r.building ?? null,
              floor: r.floor ?? null,
              sex_policy: r.sexPolicy,
              ord,
            })),
          ),
        ],
      );
      const ids = inserted.map((row) => row.id);
      // Beds are numbered 01..n within each room, all in one statement however many rooms there are;
      // codes are as wide as the count (001..120 in a room of 120) so that they never collide and sort.
      await manager.query(
        `INSERT INTO beds (room_id, code)
         SELECT room.id, ${BED_CODE_SQL('n', 'room.beds')}
           FROM unnest($1::uuid[], $2::int[]) AS room(id, beds)
          CROSS JOIN LATERAL generate_series(1, room.beds) AS n`,
        [ids, rooms.map((r) => r.beds)],
      );
      await this.audit.record(
        manager,
        ...rooms.map((r, i) => ({
          actorId: actor.id,
          action: 'room.created',
          entityType: 'room',
          entityId: ids[i],
          facilityId,
          after: { code: r.code, building: r.building ?? null, floor: r.floor ?? null, sexPolicy: r.sexPolicy, beds: r.beds },
        })),
      );
      return ids;
    });

    const created = await this.db.manager.find(Room, {
      where: { id: In(roomIds) },
      relations: { beds: true },
      order: { code: 'ASC', beds: { code: 'ASC' } },
    });
    return created.map(toRoomResponse);
  }

  async listRooms(actor: Actor, facilityId: string, query: PageQueryDto): Promise<Page<RoomResponse>> {
    await this.scope.visibleFacility(actor, facilityId);
    const [rooms, total] = await this.db.manager.findAndCount(Room, {
      where: { facilityId },
      order: { code: 'ASC', id: 'ASC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    const beds = await this.db.manager.find(Bed, {
      where: { roomId: In(rooms.map((r) => r.id)) },
      order: { code: 'ASC' },
    });
    for (const room of rooms) room.beds = beds.filter((b) => b.roomId === room.id);
    return pageOf(rooms.map(toRoomResponse), total, query);
  }

  async updateBed(actor: Actor, bedId: string, dto: UpdateBedDto): Promise<BedResponse> {
    const [row]: { facility_id: string }[] = await this.db.query(
      `SELECT r.facility_id FROM beds b JOIN rooms r ON r.id = b.room_id WHERE b.id = $1`,
      [bedId],
    );
    if (!row) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'No such bed.' });
    try {
      await this.scope.manageableFacility(actor, row.facility_id);
    } catch (e) {
      if (e instanceof NotFoundException) {
        throw new NotFoundException({
          code: ErrorCode.NOT_FOUND,
          message: 'No such bed.',
        });
      }
      throw e;
    }
    return this.db.transaction(async (manager) => {
      // The row lock orders this against admissions taking the bed: an occupied bed is never changed
      // by hand, even if it became occupied a moment after we looked.
      const [{ status: before }]: { status: BedStatus }[] = await manager.query(
        `SELECT status FROM beds WHERE id = $1 FOR UPDATE`,
        [bedId],
      );
      if (before === BedStatus.Occupied) {
        throw new ConflictException({
          code: ErrorCode.BED_OCCUPIED,
          message: 'This bed is occupied; it becomes available when its occupant is released or moved.',
        });
      }
      await manager.update(Bed, { id: bedId }, { status: dto.status });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'bed.status_changed',
        entityType: 'bed',
        entityId: bedId,
        facilityId: row.facility_id,
        before: { status: before },
        after: { status: dto.status },
      });
      return toBedResponse(await manager.findOneByOrFail(Bed, { id: bedId }));
    });
  }
}
