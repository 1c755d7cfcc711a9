import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SexPolicy } from '../facilities/room.entity';
import { PlacementCandidate, placementProblem, RoomOccupant } from './placement';
import { ErrorCode } from '../common/errors/error-codes';
import { hotQuery } from '../common/sql/hot-query';

export interface AllocatedBed {
  bedId: string;
  bedCode: string;
  roomId: string;
  roomCode: string;
}

interface RoomRow {
  id: string;
  code: string;
  sex_policy: SexPolicy;
}

const MAX_ATTEMPTS = 20;

/*
 * The placement rule of `placementProblem` for the rooms' occupants, as SQL over `stays s`, for the
 * statements that choose a room and take a bed (the sex policy is checked on the room row): the stay
 * is open and not the one being moved, and it shares the candidate's cohort and risk group.
 */
const openOccupant = (movingStay: number) => `s.status IN ('admitted', 'positive') AND s.id IS DISTINCT FROM $${movingStay}::uuid`;
const sameCohortAndRisk = (cohortDate: number, isF0: number) =>
  `s.cohort_date = $${cohortDate}::date AND (s.classification = 'F0') = $${isF0}`;

/**
 * Finds and takes a bed for a person inside the caller's transaction.
 *
 * Concurrency: the room row is locked (FOR UPDATE) before its occupants are read and a bed is taken,
 * so two placements into one room happen one after the other and each sees the other's result. Taking
 * the bed is a conditional update (available → occupied); the partial unique index on open stays per
 * bed, the cohort exclusion constraint and the occupancy triggers are the database's last word.
 */
@Injectable()
export class BedAllocator {
  async allocate(
    manager: EntityManager,
    facilityId: string,
    candidate: PlacementCandidate,
    options: { bedId?: string; movingStayId?: string } = {},
  ): Promise<AllocatedBed> {
    return options.bedId
      ? this.takeChosenBed(manager, facilityId, options.bedId, candidate, options.movingStayId)
      : this.pickBed(manager, facilityId, candidate, options.movingStayId);
  }

  private async takeChosenBed(
    manager: EntityManager,
    facilityId: string,
    bedId: string,
    candidate: PlacementCandidate,
    movingStayId?: string,
  ): Promise<AllocatedBed> {
    const [bed]: { id: string; code: string; room_id: string }[] = await manager.query(
      `SELECT b.id, b.code, b.room_id FROM beds b JOIN rooms r ON r.id = b.room_id
        WHERE b.id = $1 AND r.facility_id = $2`,
      [bedId, facilityId],
    );
    if (!bed) throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: 'There is no such bed in this facility.' });
    const room = await this.lockRoom(manager, bed.room_id);
    const [{ status }] = await manager.query(`SELECT status FROM beds WHERE id = $1`, [bedId]);
    if (status === 'out_of_service') {
      throw new UnprocessableEntityException({
        code: ErrorCode.BED_OUT_OF_SERVICE,
        message: `Bed ${bed.code} in room ${room.code} is out of service.`,
      });
    }
    if (status === 'occupied') {
      throw new ConflictException({
        code: ErrorCode.BED_TAKEN,
        message: `Bed ${bed.code} in room ${room.code} is already taken.`,
      });
    }
    const problem = placementProblem(
      { code: room.code, sexPolicy: room.sex_policy },
      await this.occupants(manager, room.id, movingStayId),
      candidate,
    );
    if (problem) throw new UnprocessableEntityException({ code: ErrorCode.PLACEMENT_REFUSED, message: problem });
    if (!(await this.occupy(manager, bedId))) {
      throw new ConflictException({
        code: ErrorCode.BED_TAKEN,
        message: `Bed ${bed.code} in room ${room.code} is already taken.`,
      });
    }
    return { bedId, bedCode: bed.code, roomId: room.id, roomCode: room.code };
  }

  private async pickBed(
    manager: EntityManager,
    facilityId: string,
    candidate: PlacementCandidate,
    movingStayId?: string,
  ): Promise<AllocatedBed> {
    const tried = new Set<string>();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const room = await this.lockBestRoom(manager, facilityId, candidate, [...tried], movingStayId);
      if (!room) break;
      // Another admission may have changed the room between our choice and our lock: the first free bed
      // is taken (available → occupied) only if the room's occupants, as they are now, still fit (a new
      // statement, so it sees what the transactions that held the lock before us committed).
      const fitsSex = room.sex_policy === SexPolicy.Mixed || room.sex_policy === (candidate.sex as string);
      const [bed] = fitsSex
        ? await hotQuery<{ id: string; code: string }>(
            manager,
            `UPDATE beds SET status = 'occupied', updated_at = now()
              WHERE id = (SELECT id FROM beds WHERE room_id = $1 AND status = 'available'
                           ORDER BY code LIMIT 1 FOR UPDATE SKIP LOCKED)
                AND status = 'available'
                AND NOT EXISTS (SELECT 1 FROM stays s
                                 WHERE s.room_id = $1 AND ${openOccupant(4)} AND NOT (${sameCohortAndRisk(2, 3)}))
          RETURNING id, code`,
            [room.id, candidate.cohortDate, candidate.riskGroup === 'F0', movingStayId ?? null],
          )
        : [];
      if (bed) return { bedId: bed.id, bedCode: bed.code, roomId: room.id, roomCode: room.code };
      tried.add(room.id);
    }
    throw new ConflictException({
      code: ErrorCode.NO_SUITABLE_BED,
      message:
        `No suitable bed is free in this facility for a ${candidate.sex} ${candidate.riskGroup === 'F0' ? 'confirmed case (F0)' : 'contact'} ` +
          `of the cohort admitted on ${candidate.cohortDate}: every free bed is in a room of the other sex, another cohort or another risk group, or there is none.`,
    });
  }

  /**
   * The best room to fill: suitable by sex, cohort and risk group, with a free bed. Rooms already
   * holding this cohort come first (so cohorts stay together and empty rooms stay free for the next
   * day's cohort), then single-sex rooms before mixed ones (kept for families). Locked (FOR UPDATE) in
   * the same statement: a room another admission holds is waited for, then returned as it is.
   */
  private async lockBestRoom(
    manager: EntityManager,
    facilityId: string,
    c: PlacementCandidate,
    excludeRoomIds: string[],
    movingStayId?: string,
  ): Promise<RoomRow | null> {
    const [row] = await hotQuery<RoomRow>(
      manager,
      `SELECT r.id, r.code, r.sex_policy
         FROM rooms r
         LEFT JOIN LATERAL (
           SELECT count(*) AS n, bool_and(${sameCohortAndRisk(3, 4)}) AS fits
             FROM stays s
            WHERE s.room_id = r.id AND ${openOccupant(6)}
         ) occ ON TRUE
        WHERE r.facility_id = $1
          AND r.sex_policy IN ('mixed', $2::room_sex_policy)
          AND (occ.n = 0 OR occ.fits)
          AND r.id <> ALL($5::uuid[])
          AND EXISTS (SELECT 1 FROM beds b WHERE b.room_id = r.id AND b.status = 'available')
        ORDER BY (occ.n > 0) DESC, (r.sex_policy = 'mixed') ASC, r.code
        LIMIT 1
          FOR UPDATE OF r`,
      [facilityId, c.sex, c.cohortDate, c.riskGroup === 'F0', excludeRoomIds, movingStayId ?? null],
    );
    return row ?? null;
  }

  private async lockRoom(manager: EntityManager, roomId: string): Promise<RoomRow> {
    const [room]: RoomRow[] = await manager.query(`SELECT id, code, sex_policy FROM rooms WHERE id = $1 FOR UPDATE`, [
      roomId,
    ]);
    return room;
  }

  private async occupants(manager: EntityManager, roomId: string, movingStayId?: string): Promise<RoomOccupant[]> {
    const rows: { cohort_date: string; classification: string }[] = await manager.query(
      `SELECT to_char(cohort_date, 'YYYY-MM-DD') AS cohort_date, classification FROM stays
        WHERE room_id = $1 AND status IN ('admitted', 'positive') AND id IS DISTINCT FROM $2::uuid`,
      [roomId, movingStayId ?? null],
    );
    return rows.map((r) => ({ cohortDate: r.cohort_date, riskGroup: r.classification === 'F0' ? 'F0' : 'contact' }));
  }

  /** available → occupied, only if still available. */
  private async occupy(manager: EntityManager, bedId: string): Promise<boolean> {
    const [, affected] = await manager.query(
      `UPDATE beds SET status = 'occupied', updated_at = now() WHERE id = $1 AND status = 'available'`,
      [bedId],
    );
    return affected === 1;
  }
}
