import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export enum ExportKind {
  Stays = 'stays',
  People = 'people',
  Tests = 'tests',
  HealthChecks = 'health-checks',
  Alerts = 'alerts',
  DailyReport = 'daily-report',
}

export enum ExportFormat {
  Csv = 'csv',
  Xlsx = 'xlsx',
}

export enum ExportStatus {
  Queued = 'queued',
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
  /** Done once, and its file removed by the clean-up after EXPORT_TTL_HOURS. */
  Expired = 'expired',
}

export type ExportLang = 'vi' | 'en';

/** A list exported in the background (stays, people, tests, …) as CSV or XLSX, for its requester. */
@Entity('exports')
@Index('IDX_exports_requested_by', ['requestedBy', 'createdAt'])
@Index('IDX_exports_expires_at', ['expiresAt'], { where: `status <> 'expired'` })
@Check('CHK_exports_lang', `lang IN ('vi', 'en')`)
@Check('CHK_exports_progress', `progress BETWEEN 0 AND 100`)
@Check('CHK_exports_finished', `(status IN ('queued', 'running')) = (finished_at IS NULL)`)
export class Export {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_exports' })
  id: string;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'FK_exports_requested_by' })
  requester?: User;

  @Column({ type: 'enum', enum: ExportKind, enumName: 'export_kind' })
  kind: ExportKind;

  @Column({ type: 'enum', enum: ExportFormat, enumName: 'export_format' })
  format: ExportFormat;

  @Column({ type: 'varchar', length: 2, default: 'vi' })
  lang: ExportLang;

  @Column({ type: 'jsonb', default: {} })
  filters: Record<string, unknown>;

  @Column({ type: 'boolean', default: false })
  includePersonalData: boolean;

  @Column({ type: 'enum', enum: ExportStatus, enumName: 'export_status', default: ExportStatus.Queued })
  status: ExportStatus;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'integer', nullable: true })
  rowCount: number | null;

  @Column({ type: 'bigint', nullable: true })
  byteSize: string | null;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}

/** One piece (about 1 MB) of an export's file, in order of `seq`. */
@Entity('export_chunks')
export class ExportChunk {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_export_chunks' })
  exportId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_export_chunks' })
  seq: number;

  @ManyToOne(() => Export, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'export_id', foreignKeyConstraintName: 'FK_export_chunks_export' })
  export?: Export;

  @Column({ type: 'bytea' })
  data: Buffer;
}
