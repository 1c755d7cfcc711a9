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
    const [{ policy }] = await hotQuery<{ policy: Record<string, unknown> | null }>(
      manager,
      `SELECT ${PoliciesService.inForceSubquery('$1', '$2', '$3')} AS policy`,
      [classification, vaccinated, at],
    );
    return PoliciesService.inForceFrom(manager, policy, { classification, vaccinated, at });
  }

  /**
   * The look-up of inForce as a scalar subquery: the version's row as jsonb, or NULL. The arguments are
   * the placeholders of the classification, the vaccination status and the time, so that a statement
   * doing something else (the admission's facility lock) can ask it in the same round trip.
   */
  static inForceSubquery(classification: string, vaccinated: string, at: string): string {
    return `(SELECT to_jsonb(p) FROM quarantine_policies p
              WHERE p.classification = ${classification} AND p.vaccinated = ${vaccinated} AND p.effective_from <= ${at}
              ORDER BY p.effective_from DESC LIMIT 1)`;
  }

  /** The policy from the answer of inForceSubquery, or the 422 when none was in force. */
  static inForceFrom(manager: EntityManager, row: Record<string, unknown> | null, asked: PolicyQuestion): QuarantinePolicy {
    if (!row) {
      throw new UnprocessableEntityException({
        code: ErrorCode.NO_POLICY,
        message:
          `No quarantine policy covers ${asked.classification} (${asked.vaccinated ? 'vaccinated' : 'not fully vaccinated'}) at ${asked.at.toISOString()}; an admin must add one.`,
      });
    }
    return entityFromRow(manager, QuarantinePolicy, row);
  }
}

/** Which policy an admission needs: the one in force for a classification and vaccination status at a time. */
export interface PolicyQuestion {
  classification: Classification;
  vaccinated: boolean;
  at: Date;
}
