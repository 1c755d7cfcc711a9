import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsIn, IsObject, IsOptional } from 'class-validator';
import { ExportFormat, ExportKind, type ExportLang } from '../export.entity';

export class CreateExportDto {
  @IsEnum(ExportKind)
  kind: ExportKind;

  @IsEnum(ExportFormat)
  format: ExportFormat;

  /**
   * The list's filters for this kind: every kind takes facilityId and adminUnitCode; stays also status,
   * classification, admittedFrom, admittedTo; tests result, kind, sampledFrom, sampledTo; health-checks takenFrom,
   * takenTo; alerts type, status. The daily report takes adminUnitCode and either date or from and to (no facilityId).
   */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { status: 'admitted' } })
  @IsOptional()
  @IsObject()
  filters?: Record<string, unknown>;

  /** Language of the headers and words in the file; default vi. */
  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: ExportLang;

  /** Admins only: national id numbers and phones unmasked (the request is audited). */
  @IsOptional()
  @IsBoolean()
  includePersonalData?: boolean;
}
