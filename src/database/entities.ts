import { AdminUnit } from '../admin-units/admin-unit.entity';
import { AdminUnitAncestor } from '../admin-units/admin-unit-ancestor.entity';
import { AdminUnitBedCount, AdminUnitFacilityCount } from '../facilities/admin-unit-counts.entity';
import { Alert } from '../alerts/alert.entity';
import { CertificateCounter, ReleaseCertificate } from '../certificates/release-certificate.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity';
import { Export, ExportChunk } from '../exports/export.entity';
import { Bed } from '../facilities/bed.entity';
import { FacilityBedCount } from '../facilities/facility-bed-count.entity';
import { Facility } from '../facilities/facility.entity';
import { Room } from '../facilities/room.entity';
import { HealthCheck } from '../health-checks/health-check.entity';
import { HomeMonitoringCheck } from '../home-monitoring/home-monitoring-check.entity';
import { IntakeList, IntakeListRow } from '../intake-lists/intake-list.entity';
import { JobRun } from '../jobs/job-run.entity';
import { Person } from '../people/person.entity';
import { QuarantinePolicy } from '../policies/quarantine-policy.entity';
import { Assignment } from '../staffing/assignment.entity';
import { FrameMember } from '../staffing/frame-member.entity';
import { Frame } from '../staffing/frame.entity';
import { StaffMember } from '../staffing/staff-member.entity';
import { StaffingRequirement } from '../staffing/staffing-requirement.entity';
import { StayMovement } from '../stays/stay-movement.entity';
import { Stay } from '../stays/stay.entity';
import { TestSample } from '../testing/test-sample.entity';
import { TransferRequest } from '../transfer-requests/transfer-request.entity';
import { User } from '../users/user.entity';
import { JobTick } from '../jobs/job-tick.entity';
import { RevokedToken } from '../auth/revoked-token.entity';

/** Every entity, listed once: the app, the migration CLI and the tests load the same set. */
export const ENTITIES = [
  AdminUnit,
  AdminUnitAncestor,
  User,
  Facility,
  FacilityBedCount,
  AdminUnitBedCount,
  AdminUnitFacilityCount,
  Room,
  Bed,
  Person,
  QuarantinePolicy,
  Stay,
  StayMovement,
  AuditEvent,
  IdempotencyKey,
  StaffMember,
  Frame,
  FrameMember,
  StaffingRequirement,
  Assignment,
  TestSample,
  Alert,
  JobRun,
  ReleaseCertificate,
  CertificateCounter,
  TransferRequest,
  HealthCheck,
  HomeMonitoringCheck,
  Export,
  ExportChunk,
  IntakeList,
  IntakeListRow,
  JobTick,
  RevokedToken,
];
