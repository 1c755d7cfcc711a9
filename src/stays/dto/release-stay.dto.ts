import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { IsIsoDateTime, IsText } from '../../common/validation/decorators';

export class ReleaseOverrideDto {
  /** Why the person is released before the period is served or without every negative test. */
  @IsText(2000, 10)
  reason: string;
}

export class ReleaseStayDto {
  /** Defaults to now; never in the future. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  releasedAt?: string;

  /** Release although the rules are not met, with a written reason (audited). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReleaseOverrideDto)
  override?: ReleaseOverrideDto;
}
