import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface IssuedCertificate {
  id: string;
  number: string;
  verificationToken: string;
}

/** The certificate number as printed: "<facility code>/<year>/<serial, six digits>". */
export function certificateNumber(facilityCode: string, year: number, serial: number): string {
  return `${facilityCode}/${year}/${String(serial).padStart(6, '0')}`;
}

/** A token for the verification URL: 32 random bytes, URL-safe; unguessable and meaningless. */
export function verificationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The one writer of release certificates and their counters. */
@Injectable()
export class CertificateRegistry {
  /**
   * Numbers the certificate of a completed release, in the release's transaction. The counter row of
   * the facility and year is taken by the upsert, so two releases at the same moment draw one after
   * the other; UQ_release_certificates_serial would refuse a duplicate whatever happened.
   */
  async issue(
    manager: EntityManager,
    input: { stayId: string; facilityId: string; facilityCode: string; issuedAt: Date; issuedOn: string; issuedBy: string },
  ): Promise<IssuedCertificate> {
    const year = Number(input.issuedOn.slice(0, 4));
    const [{ serial }]: { serial: number }[] = await manager.query(
      `INSERT INTO certificate_counters (facility_id, year, last_serial) VALUES ($1, $2, 1)
       ON CONFLICT (facility_id, year) DO UPDATE SET last_serial = certificate_counters.last_serial + 1
       RETURNING last_serial AS serial`,
      [input.facilityId, year],
    );
    const number = certificateNumber(input.facilityCode, year, serial);
    const token = verificationToken();
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO release_certificates
         (stay_id, facility_id, year, serial, number, verification_token, issued_at, issued_on, issued_by, issuer_name)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, u.id, u.full_name FROM users u WHERE u.id = $9
       RETURNING id`,
      [input.stayId, input.facilityId, year, serial, number, token, input.issuedAt, input.issuedOn, input.issuedBy],
    );
    return { id: row.id, number, verificationToken: token };
  }
}
