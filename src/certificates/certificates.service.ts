import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScopeService } from '../common/access/scope.service';
import { Actor } from '../common/auth/actor';
import { ErrorCode } from '../common/errors/error-codes';
import { localDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { maskTail } from '../people/masking';
import { homeMonitoringUntil } from '../stays/schedule';
import { Role } from '../users/user.entity';
import { CertificateData, renderCertificates } from './certificate-pdf';
import { initials } from './certificate-text';
import { CertificateVerificationResponse } from './dto/certificate-verification.response';

interface CertificateRow {
  stay_id: string;
  facility_id: string;
  person_id: string;
  number: string;
  verification_token: string;
  issued_on: string;
  issued_at: Date;
  issuer_name: string;
  full_name: string;
  birth_year: number | null;
  sex: string;
  id_number: string | null;
  address: string | null;
  residence_unit_name: string | null;
  facility_name: string;
  facility_address: string | null;
  facility_unit_name: string;
  admitted_at: Date;
  released_at: Date;
  home_monitoring_days: number;
  post_release_test_days: number[];
}

const SELECT = `
  SELECT c.stay_id, c.facility_id, s.person_id, c.number, c.verification_token, c.issued_on::text AS issued_on, c.issued_at, c.issuer_name,
         p.full_name, COALESCE(p.birth_year, extract(year FROM p.date_of_birth)::int) AS birth_year, p.sex, p.id_number,
         p.address, ru.name AS residence_unit_name,
         f.name AS facility_name, f.address AS facility_address, fu.name AS facility_unit_name,
         s.admitted_at, s.released_at, qp.home_monitoring_days, qp.post_release_test_days
    FROM release_certificates c
    JOIN stays s ON s.id = c.stay_id
    JOIN quarantine_policies qp ON qp.id = s.policy_id
    JOIN people p ON p.id = s.person_id
    JOIN facilities f ON f.id = c.facility_id
    JOIN admin_units fu ON fu.code = f.admin_unit_code
    LEFT JOIN admin_units ru ON ru.code = p.residence_admin_unit_code`;

/** Release certificates: the PDF of one, a day's in one PDF, and the public check of a QR code. */
@Injectable()
export class CertificatesService {
  private readonly timeZone: string;
  private readonly publicBaseUrl: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    config: ConfigService<Environment, true>,
  ) {
    this.timeZone = config.get('TZ_DEFAULT', { infer: true });
    this.publicBaseUrl = config.get('PUBLIC_BASE_URL', { infer: true }).replace(/\/+$/, '');
  }

  /** The certificate of a stay released with the outcome "completed" (422 for any other stay). */
  async forStay(actor: Actor, stayId: string): Promise<{ pdf: Buffer; number: string }> {
    const [stay]: { facility_id: string; status: string; release_outcome: string | null }[] = await this.db.query(
      `SELECT facility_id, status, release_outcome FROM stays WHERE id = $1`,
      [stayId],
    );
    if (!stay || !(await this.scope.isFacilityVisible(actor, stay.facility_id))) throw new NotFoundException('No such stay.');
    const rows: CertificateRow[] = await this.db.query(`${SELECT} WHERE c.stay_id = $1`, [stayId]);
    if (rows.length === 0) {
      throw new UnprocessableEntityException({
        code: ErrorCode.CERTIFICATE_NOT_ISSUED,
        message:
          stay.status !== 'released'
            ? 'This person has not been released yet; the certificate is issued with a completed release.'
            : `A certificate is issued only for a completed quarantine; this stay ended as "${stay.release_outcome}".`,
      });
    }
    const [data] = await this.certificateData(actor, rows);
    return { pdf: await renderCertificates([data], `Giấy xác nhận ${data.number}`), number: data.number };
  }

  /** Every certificate a facility issued on a local day, one page each, in number order. */
  async forDay(actor: Actor, facilityId: string, releasedOn?: string): Promise<{ pdf: Buffer; day: string; count: number }> {
    const facility = await this.scope.visibleFacility(actor, facilityId);
    const day = releasedOn ?? localDay(new Date(), this.timeZone);
    const rows: CertificateRow[] = await this.db.query(
      `${SELECT} WHERE c.facility_id = $1 AND c.issued_on = $2 ORDER BY c.year, c.serial`,
      [facilityId, day],
    );
    const data = await this.certificateData(actor, rows);
    const pdf = await renderCertificates(data, `Giấy xác nhận hoàn thành cách ly — ${facility.name} — ${day}`);
    return { pdf, day, count: rows.length };
  }

  /** The public check behind the QR code: 404 for a token no certificate carries. */
  async verify(token: string): Promise<CertificateVerificationResponse> {
    const [row]: CertificateRow[] = await this.db.query(`${SELECT} WHERE c.verification_token = $1`, [token]);
    if (!row) throw new NotFoundException('No certificate carries this code.');
    return {
      valid: true,
      number: row.number,
      fullNameInitials: initials(row.full_name),
      birthYear: row.birth_year,
      facilityName: row.facility_name,
      from: localDay(row.admitted_at, this.timeZone),
      to: localDay(row.released_at, this.timeZone),
      issuedAt: row.issued_at,
    };
  }

  private async certificateData(actor: Actor, rows: CertificateRow[]): Promise<CertificateData[]> {
    if (rows.length === 0) return [];
    // The id number in full for the issuing camp (the paper is handed to the person) and admins;
    // masked for everyone else.
    const reveal = (r: CertificateRow) =>
      actor.role === Role.Admin || (actor.role === Role.CampManager && actor.facilityId === r.facility_id);
    const samples: { stay_id: string; sampled_at: Date; kind: string; result: string }[] = await this.db.query(
      `SELECT stay_id, sampled_at, kind, result FROM test_samples WHERE stay_id = ANY($1::uuid[]) ORDER BY sampled_at, id`,
      [rows.map((r) => r.stay_id)],
    );
    return rows.map((r) => ({
      number: r.number,
      fullName: r.full_name,
      birthYear: r.birth_year,
      sex: r.sex,
      idNumber: reveal(r) ? r.id_number : maskTail(r.id_number),
      address: [r.address, r.residence_unit_name].filter(Boolean).join(', ') || null,
      facilityName: r.facility_name,
      facilityAddress: r.facility_address,
      placeUnitName: r.facility_unit_name,
      fromDay: localDay(r.admitted_at, this.timeZone),
      toDay: localDay(r.released_at, this.timeZone),
      tests: samples
        .filter((s) => s.stay_id === r.stay_id)
        .map((s) => ({ sampledOn: localDay(s.sampled_at, this.timeZone), kind: s.kind, result: s.result })),
      // The one rule of home monitoring, as at release and on the committee's home-monitoring list.
      homeMonitoringUntil: homeMonitoringUntil(localDay(r.released_at, this.timeZone), r.home_monitoring_days),
      postReleaseTestDays: r.post_release_test_days,
      issuedOn: r.issued_on,
      issuerName: r.issuer_name,
      verificationUrl: `${this.publicBaseUrl}/api/v1/certificates/verify/${r.verification_token}`,
    }));
  }
}
