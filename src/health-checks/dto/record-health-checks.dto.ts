import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID, ValidateNested } from 'class-validator';
import { RecordHealthCheckDto } from './record-health-check.dto';

export const MAX_CHECKS_PER_BATCH = 500;

export class FacilityHealthCheckDto extends RecordHealthCheckDto {
  /** An open stay of this facility. */
  @IsUUID('all')
  stayId: string;
}

/** A round of a whole room or floor at once: every check is recorded, or none. */
export class RecordHealthChecksDto {
  @ApiProperty({ type: [FacilityHealthCheckDto], minItems: 1, maxItems: MAX_CHECKS_PER_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => FacilityHealthCheckDto)
  checks: FacilityHealthCheckDto[];
}
