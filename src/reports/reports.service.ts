import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { addDays, daysBetween, localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { Role } from '../users/user.entity';
import { addFigures, DailyFigures, daysFrom, foldDailyFigures, zeroFigures } from './daily-figures';
import { DailyReportResponse, DailySeriesResponse } from './dto/daily-report.response';
import { DailyReportQueryDto } from './dto/daily-report-query.dto';
import { DailySeriesQueryDto } from './dto/daily-series-query.dto';
import { ReportFacility, ReportsRepository } from './reports.repository';

/** Longest series one request may ask for, both ends counted (a quarter). */
export const MAX_SERIES_DAYS = 92;

interface Area {
  adminUnitCode: string | null;
  name: string | null;
  facilities: ReportFacility[];
}

/** The committees' daily bulletin, for any past day, computed from the records. */
@Injectable()
export class ReportsService {
  private readonly timeZone: string;

  constructor(
    private readonly repository: ReportsRepository,
    private readonly scope: ScopeService,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
  }

  async daily(actor: Actor, query: DailyReportQueryDto): Promise<DailyReportResponse> {
    const date = query.date ?? this.today();
    this.checkDay(date);
    const area = await this.area(actor, query.adminUnitCode);
    const ids = area.facilities.map((f) => f.facilityId);
    const byFacility = foldDailyFigures(ids, addDays(date, -1), date, await this.repository.events(ids, addDays(date, -1), date, this.timeZone));
    const on = (id: string) => byFacility.get(id)![1];
    const before = (id: string) => byFacility.get(id)![0];
    const sum = (facilityIds: string[], pick: (id: string) => DailyFigures) =>
      facilityIds.reduce((acc, id) => addFigures(acc, pick(id)), zeroFigures());

    const children = await this.repository.childUnits(area.adminUnitCode);
    const childOf = new Map(children.flatMap((c) => c.members.map((m) => [m, c.adminUnitCode] as const)));
    return {
      adminUnitCode: area.adminUnitCode,
      name: area.name,
      date,
      totals: sum(ids, on),
      previous: sum(ids, before),
      facilities: area.facilities.map((f) => ({ ...f, ...on(f.facilityId) })),
      childUnits: children.map((c) => {
        const inUnit = area.facilities.filter((f) => childOf.get(f.adminUnitCode) === c.adminUnitCode).map((f) => f.facilityId);
        return { adminUnitCode: c.adminUnitCode, name: c.name, facilityCount: inUnit.length, ...sum(inUnit, on) };
      }),
    };
  }

  async series(actor: Actor, query: DailySeriesQueryDto): Promise<DailySeriesResponse> {
    const { from, to } = query;
    this.checkRange(from, to);
    const area = await this.area(actor, query.adminUnitCode);
    const ids = area.facilities.map((f) => f.facilityId);
    const byFacility = foldDailyFigures(ids, from, to, await this.repository.events(ids, from, to, this.timeZone));
    return {
      adminUnitCode: area.adminUnitCode,
      name: area.name,
      from,
      to,
      days: daysFrom(from, to).map((date, i) => ({
        date,
        ...ids.reduce((acc, id) => addFigures(acc, byFacility.get(id)![i]), zeroFigures()),
      })),
    };
  }

  /**
   * Refuses, as GET /reports/daily and /daily/series would, a report asked for elsewhere (the daily
   * report export): a day in the future, a bad range, a unit outside the actor's area or unknown.
   */
  async checkRequest(actor: Actor, request: { adminUnitCode?: string; date?: string; from?: string; to?: string }): Promise<void> {
    if (request.from !== undefined && request.to !== undefined) this.checkRange(request.from, request.to);
    else this.checkDay(request.date ?? this.today());
    await this.area(actor, request.adminUnitCode);
  }

  private checkRange(from: string, to: string): void {
    if (to < from) {
      throw new BadRequestException({ code: ErrorCode.REPORT_RANGE_INVALID, message: 'The last day (to) comes before the first (from).' });
    }
    if (daysBetween(from, to) + 1 > MAX_SERIES_DAYS) {
      throw new BadRequestException({
        code: ErrorCode.REPORT_RANGE_TOO_LONG,
        message: `A series covers at most ${MAX_SERIES_DAYS} days; ask for a shorter range.`,
      });
    }
    this.checkDay(to);
  }

  /** The unit asked for (a committee's own by default), checked against the actor's scope, with its facilities. */
  private async area(actor: Actor, requestedUnit?: string): Promise<Area> {
    const adminUnitCode = requestedUnit ?? (actor.role === Role.DistrictCommittee ? actor.adminUnitCode : null);
    let name: string | null = null;
    if (adminUnitCode) {
      await this.scope.assertUnitInScope(actor, adminUnitCode);
      name = await this.repository.unitName(adminUnitCode);
      // Only an admin gets here with a code that does not exist (for others it lies outside their area).
      if (name === null) {
        throw new NotFoundException({ code: ErrorCode.NOT_FOUND, message: `There is no admin unit with code ${adminUnitCode}.` });
      }
    }
    const facilities = await this.repository.facilities(adminUnitCode, this.scope.facilityCondition(actor, 'f'));
    return { adminUnitCode, name, facilities };
  }

  private today(): string {
    return localDay(new Date(), this.timeZone);
  }

  private checkDay(day: string): void {
    if (day > this.today()) {
      throw new BadRequestException({
        code: ErrorCode.REPORT_DATE_IN_FUTURE,
        message: 'A daily report is for today or a day before; this day has not come yet.',
      });
    }
  }
}
