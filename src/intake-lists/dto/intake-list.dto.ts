import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsText } from '../../common/validation/decorators';
import { IntakeRowStatus } from '../intake-list.entity';

export class UploadIntakeListDto {
  @IsUUID('all')
  facilityId: string;

  @IsOptional()
  @IsText(500)
  note?: string;
}

/** The multipart form of an upload, for the OpenAPI document. */
export class UploadIntakeListForm extends UploadIntakeListDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'XLSX, or CSV in UTF-8 (with or without BOM); up to 5,000 rows' })
  file: unknown;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}

export class ListIntakeListsDto extends PageQueryDto {
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;
}

export class AdmitIntakeRowDto {
  /** A specific bed; without it the system picks one. */
  @IsOptional()
  @IsUUID('all')
  bedId?: string;
}

export class RejectIntakeRowDto {
  @IsText(500)
  reason: string;
}

export class IntakeRowErrorResponse {
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  field: string;
  message: string;
}

export class IntakeImportResponse {
  id: string;
  facilityId: string;
  /** Data rows read. */
  rows: number;
  valid: number;
  invalid: number;
  errors: IntakeRowErrorResponse[];
}

export class IntakeListResponse {
  id: string;
  facilityId: string;
  note: string | null;
  fileName: string;
  rows: number;
  valid: number;
  invalid: number;
  expected: number;
  admitted: number;
  rejected: number;
  createdAt: Date;
}

export class IntakeRowResponse {
  id: string;
  rowNumber: number;
  fullName: string;
  sex: string;
  birthYear: number | null;
  /** Masked for committees; whole for the facility's manager and admins, who admit. */
  idNumber: string | null;
  phone: string | null;
  residenceAdminUnitCode: string | null;
  address: string | null;
  classification: string;
  vaccinated: boolean;
  exposureNote: string | null;
  status: IntakeRowStatus;
  stayId: string | null;
  rejectReason: string | null;
}

export class IntakeListDetailResponse extends IntakeListResponse {
  items: IntakeRowResponse[];
  errors: IntakeRowErrorResponse[];
}
