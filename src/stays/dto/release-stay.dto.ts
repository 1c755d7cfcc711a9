import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { IsIsoDateTime, IsText } from '../../common/validation/decorators';
import { ReleaseOutcome } from '../stay.entity';

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

  /**
   * How the stay ends. `completed`: the period is served and every scheduled test negative (refused
   * otherwise). `transferred_to_treatment`: a confirmed case (F0) handed over for treatment, with its
   * `destination`; no test or period gate. `other`: released although the rules are not met, with a
   * written `reason`. Left out: `completed`, or `other` when an `override` is given.
   */
  @IsOptional()
  @IsEnum(ReleaseOutcome)
  outcome?: ReleaseOutcome;

  /** For `transferred_to_treatment`: where the person goes (a hospital's or treatment facility's name). */
  @IsOptional()
  @IsText(300, 2)
  destination?: string;

  /** For `other`: why the person is released although the rules are not met (audited). */
  @IsOptional()
  @IsText(2000, 10)
  reason?: string;

  /** The earlier way to say `outcome: other` with its reason; still accepted. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReleaseOverrideDto)
  override?: ReleaseOverrideDto;
}
