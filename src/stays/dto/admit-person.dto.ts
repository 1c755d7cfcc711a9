import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEnum, IsOptional, IsUUID, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/decorators';
import { CreatePersonDto, ID_NUMBER_MESSAGE, ID_NUMBER_PATTERN } from '../../people/dto/create-person.dto';
import { Classification } from '../../policies/quarantine-policy.entity';

/** Admit a known person (personId) or a new one (person), into a chosen bed or one the system picks. */
export class AdmitPersonDto {
  @IsUUID('all')
  facilityId: string;

  /** A person already registered. Give either personId or person. */
  @ValidateIf((o: AdmitPersonDto) => o.person === undefined)
  @IsUUID('all', { message: 'give personId (a registered person) or person (a new one)' })
  personId?: string;

  /**
   * With personId: the person's exact national id number. Needed to admit someone registered outside
   * your scope (found with GET /people/lookup); people in your scope are admitted by personId alone.
   */
  @IsOptional()
  @Matches(ID_NUMBER_PATTERN, { message: ID_NUMBER_MESSAGE })
  personIdNumber?: string;

  /** A person not registered yet; created with the admission. */
  @ValidateIf((o: AdmitPersonDto) => o.personId === undefined)
  @IsDefined({ message: 'give personId (a registered person) or person (a new one)' })
  @ValidateNested()
  @Type(() => CreatePersonDto)
  person?: CreatePersonDto;

  @IsEnum(Classification)
  classification: Classification;

  /** The stay of the case this person was exposed to, when known; it must be one you can see. */
  @IsOptional()
  @IsUUID('all')
  exposureSourceStayId?: string;

  /** Fully vaccinated or recovered; defaults to the person's record (2 doses or more). */
  @IsOptional()
  @IsBoolean()
  vaccinated?: boolean;

  /** Defaults to now; may be in the past for records entered late, never in the future. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  admittedAt?: string;

  /** A specific bed; without it the system picks one. */
  @IsOptional()
  @IsUUID('all')
  bedId?: string;
}
