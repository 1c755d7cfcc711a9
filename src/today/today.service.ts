import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegionService } from '../common/access/region.service';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { HealthRound, parseHealthRounds } from '../config/health-rounds';
import { Classification } from '../policies/quarantine-policy.entity';
import { StayStatus } from '../stays/stay.entity';
import { AreaTodayResponse, FacilityTodayResponse, TodayCounts, TodayStayItem } from './dto/today.response';
import { TODAY_LISTS, TodayCountName, TodayDetailRow, TodayRepository } from './today.repository';

const COUNT_NAMES: TodayCountName[] = ['inQuarantine', ...TODAY_LISTS];

function zeroCounts(): TodayCounts {
  return Object.fromEntries(COUNT_NAMES.map((n) => [n, 0])) as unknown as TodayCounts;
}

/** A camp manager's day at a glance, and a committee's roll-up of it over an area. */
@Injectable()
export class TodayService {
  private readonly timeZone: string;
  private readonly rounds: HealthRound[];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly region: RegionService,
    private readonly repository: TodayRepository,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
    this.rounds = parseHealthRounds(config.get('HEALTH_ROUNDS', { infer: true })).rounds;
  }

  async facility(actor: Actor, facilityId: string, date?: string): Promise<FacilityTodayResponse> {
    await this.scope.visibleFacility(actor, facilityId);
    const today = localDay(new Date(), this.timeZone);
    const day = date ?? today;
    const [rows, countRows] = await Promise.all([
      this.repository.items(this.db.manager, this.timeZone, day, [facilityId], this.rounds, day < today),
      this.repository.counts(this.db.manager, this.timeZone, day, [facilityId], this.rounds, day < today),
    ]);
    const counts = zeroCounts();
    for (const c of countRows) counts[c.list] = c.n;
    const lists = Object.fromEntries(TODAY_LISTS.map((l) => [l, [] as TodayStayItem[]])) as Record<string, TodayStayItem[]>;
    for (const row of rows) lists[row.list]?.push(toItem(row));
    return { facilityId, date: day, counts, ...(lists as Pick<FacilityTodayResponse, (typeof TODAY_LISTS)[number]>) };
  }

  async area(actor: Actor, adminUnitCode?: string, date?: string): Promise<AreaTodayResponse> {
    const region = await this.region.region(actor, adminUnitCode);
    const today = localDay(new Date(), this.timeZone);
    const day = date ?? today;
    const ids = region.facilities.map((f) => f.facilityId);
    const rows = ids.length ? await this.repository.counts(this.db.manager, this.timeZone, day, ids, this.rounds, day < today) : [];
    const byFacility = new Map(ids.map((id) => [id, zeroCounts()]));
    const totals = zeroCounts();
    for (const r of rows) {
      byFacility.get(r.facility_id)![r.list] += r.n;
      totals[r.list] += r.n;
    }
    return {
      adminUnitCode: region.adminUnitCode,
      name: region.name,
      date: day,
      totals,
      facilities: region.facilities.map((f) => ({
        facilityId: f.facilityId,
        code: f.code,
        name: f.name,
        adminUnitCode: f.adminUnitCode,
        counts: byFacility.get(f.facilityId)!,
      })),
    };
  }
}

function toItem(r: TodayDetailRow): TodayStayItem {
  const item: TodayStayItem = {
    stayId: r.stay_id,
    personId: r.person_id,
    fullName: r.full_name,
    roomCode: r.room_code,
    bedCode: r.bed_code,
    classification: r.classification as Classification,
    status: r.status as StayStatus,
  };
  switch (r.list) {
    case 'arrivals':
      return { ...item, admittedAt: r.at! };
    case 'testsDue':
    case 'testsOverdue':
      return { ...item, testDay: r.test_day!, dueDate: r.due_date! };
    case 'releasesDue':
    case 'releasesOverdue':
      return { ...item, dueDate: r.due_date!, expectedReleaseAt: r.at! };
    case 'readyForRelease':
      return { ...item, expectedReleaseAt: r.at! };
    case 'healthChecksMissing':
      return { ...item, round: r.round!, roundDate: r.due_date! };
    case 'positives':
      return r.at ? { ...item, positiveResultAt: r.at } : item;
    default:
      return item;
  }
}
