import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDateTime, IsText } from '../../common/validation/decorators';
import { FINAL_RESULTS, FinalResult } from './record-test.dto';

/** The result of a sample. Recorded once; changing a final result needs an admin and is audited. */
export class RecordResultDto {
  @IsIn(FINAL_RESULTS)
  result: FinalResult;

  /** Defaults to now; never in the future, nor before the sample was taken. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  resultAt?: string;

  @IsOptional()
  @IsText(200)
  lab?: string;

  /** Why a final result is being changed (kept in the audit log). */
  @IsOptional()
  @IsText(2000, 5)
  reason?: string;
}
