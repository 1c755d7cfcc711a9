/** What anyone holding the QR code may learn: enough to match the paper, nothing that identifies more. */
export class CertificateVerificationResponse {
  valid: boolean;
  number: string;
  /** "N. V. A." for Nguyễn Văn An: the name is not given in full. */
  fullNameInitials: string;
  birthYear: number | null;
  facilityName: string;
  /** First day of the quarantine (local date). */
  from: string;
  /** Day of release (local date). */
  to: string;
  issuedAt: Date;
}
