import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/auth/actor';
import { onlyGiven } from '../common/pagination/filters';
import { offsetOf, Page, pageOf } from '../common/pagination/pagination';
import { entityFromRow } from '../database/entity-from-row';
import { CreatePolicyDto } from './dto/create-policy.dto';
import { ListPoliciesDto } from './dto/list-policies.dto';
import { PolicyResponse, toPolicyResponse } from './dto/policy.response';
import { Classification, QuarantinePolicy } from './quarantine-policy.entity';
import { ErrorCode } from '../common/errors/error-codes';
import { hotQuery } from '../common/sql/hot-query';

/** A test on day 7 after release, as in Công điện 597 and 600/CĐ-BCĐ (May 2021). */
export const DEFAULT_POST_RELEASE_TEST_DAYS = [7];

@Injectable()
export class PoliciesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListPoliciesDto): Promise<Page<PolicyResponse>> {
    const [rows, total] = await this.db.manager.findAndCount(QuarantinePolicy, {
      where: onlyGiven({ classification: query.classification, vaccinated: query.vaccinated }),
      order: { classification: 'ASC', vaccinated: 'ASC', effectiveFrom: 'DESC' },
      skip: offsetOf(query),
      take: query.limit,
    });
    return pageOf(rows.map(toPolicyResponse), total, query);
  }

  async create(actor: Actor, dto: CreatePolicyDto): Promise<PolicyResponse> {
    const beyond = dto.testDays.filter((d) => d > dto.durationDays);
    if (beyond.length > 0) {
      throw new UnprocessableEntityException({
        code: ErrorCode.POLICY_REFUSED,
        message: `Test day ${beyond.join(', ')} falls after the end of a ${dto.durationDays}-day period.`,
      });
    }
    const postRelease = dto.postReleaseTestDays ?? DEFAULT_POST_RELEASE_TEST_DAYS.filter((d) => d <= dto.homeMonitoringDays);
    const afterMonitoring = postRelease.filter((d) => d > dto.homeMonitoringDays);
    if (afterMonitoring.length > 0) {
      throw new UnprocessableEntityException(
        `Post-release test day ${afterMonitoring.join(', ')} falls after the end of ${dto.homeMonitoringDays} days of home monitoring.`,
      );
    }
    return this.db.transaction(async (manager) => {
      const { identifiers } = await manager.insert(QuarantinePolicy, {
        ...dto,
        testDays: [...new Set(dto.testDays)].sort((a, b) => a - b),
        postReleaseTestDays: [...new Set(postRelease)].sort((a, b) => a - b),
        effectiveFrom: dto.effectiveFrom ? new Date(dto.effectiveFrom) : new Date(),
      });
      const policy = await manager.findOneByOrFail(QuarantinePolicy, { id: identifiers[0].id });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'policy.created',
        entityType: 'policy',
        entityId: policy.id,
        after: { ...toPolicyResponse(policy) },
      });
      return toPolicyResponse(policy);
    });
  }

  /** The version in force at `at` for this classification and vaccination status, or a 422. */
  async inForce(manager: EntityManager, classification: Classification, vaccinated: boolean, at: Date) {
    // Plain SQL: every admission asks this, and the query builder costs more than the lookup.
    const [row] = await hotQuery<Record<string, unknown>>(
      manager,
      `SELECT * FROM quarantine_policies
        WHERE classification = $1 AND vaccinated = $2 AND effective_from <= $3
        ORDER BY effective_from DESC LIMIT 1`,
      [classification, vaccinated, at],
    );
    const policy = row ? entityFromRow(manager, QuarantinePolicy, row) : null;
    if (!policy) {
      throw new UnprocessableEntityException({
        code: ErrorCode.NO_POLICY,
        message:
          `No quarantine policy covers ${classification} (${vaccinated ? 'vaccinated' : 'not fully vaccinated'}) at ${at.toISOString()}; an admin must add one.`,
      });
    }
    return policy;
  }
}
