import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsIsoDateTime, IsText } from '../../common/validation/decorators';
import { Classification } from '../quarantine-policy.entity';

/** A new version of the rules for one classification and vaccination status. Old versions are kept. */
export class CreatePolicyDto {
  @IsEnum(Classification)
  classification: Classification;

  /** Fully vaccinated or recovered. */
  @IsBoolean()
  vaccinated: boolean;

  @IsInt()
  @Min(1)
  @Max(60)
  durationDays: number;

  /** Days of the period on which an RT-PCR sample is due (day 1 = admission day), e.g. [1, 7, 14]. */
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  @ArrayMinSize(0)
  @ArrayMaxSize(30)
  testDays: number[];

  /** Days of monitoring at home after release (7 or 14 in 2021). */
  @IsInt()
  @Min(0)
  @Max(60)
  homeMonitoringDays: number;

  /**
   * Days after the release day on which a test is due at home, each within the home monitoring;
   * defaults to [7] (Công điện 597/600, 2021) when the monitoring lasts that long, else none.
   */
  @ApiPropertyOptional({ type: [Number], example: [7] })
  @IsOptional()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  @ArrayMaxSize(10)
  postReleaseTestDays?: number[];

  /** When the version takes effect; defaults to now. Stays admitted before it keep their own version. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  effectiveFrom?: string;

  @IsOptional()
  @IsText(2000)
  notes?: string;
}
