import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsIsoDateTime, IsText } from '../../common/validation/decorators';
import { TestKind, TestResult } from '../test-sample.entity';

export const FINAL_RESULTS = [TestResult.Negative, TestResult.Positive] as const;
export type FinalResult = (typeof FINAL_RESULTS)[number];

/** A sample taken from the person of a stay; a rapid test may come with its result. */
export class RecordTestDto {
  /** The policy day this sample fulfils (day 1 = first day of the period); leave out for an extra test. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  scheduledDay?: number;

  @IsEnum(TestKind)
  kind: TestKind;

  /** Defaults to now; never in the future, nor before the start of the stay's current period. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  sampledAt?: string;

  @IsOptional()
  @IsText(200)
  lab?: string;

  /** Who took the sample (a health worker's name or team). */
  @IsOptional()
  @IsText(200)
  takenBy?: string;

  /** The result, when known at once (a rapid test). */
  @IsOptional()
  @IsIn(FINAL_RESULTS)
  result?: FinalResult;

  /** When the result was known; defaults to the sampling time. Only with a result. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  resultAt?: string;
}
