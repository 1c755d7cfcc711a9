import { ExportFormat, ExportKind, ExportStatus } from '../export.entity';

export class QueuedExportResponse {
  id: string;
  status: ExportStatus;
}

export class ExportResponse {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  lang: string;
  filters: Record<string, unknown>;
  includePersonalData: boolean;
  status: ExportStatus;
  /** 0–100 */
  progress: number;
  rowCount: number | null;
  /** Size of the file in bytes, once done. */
  byteSize: number | null;
  fileName: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** After this time the file is removed. */
  expiresAt: Date;
  error?: string;
}
