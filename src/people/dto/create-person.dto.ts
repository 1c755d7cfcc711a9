import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsAdminUnitCode, IsCalendarDay, IsText, NotAfterThisYear, NotInFuture, Omittable } from '../../common/validation/decorators';
import { Sex } from '../person.entity';

/** CCCD/CMND or passport numbers: letters and digits. */
export const ID_NUMBER_PATTERN = /^[A-Za-z0-9]{6,30}$/;
export const ID_NUMBER_MESSAGE = 'idNumber must be 6–30 letters or digits (CCCD, CMND or passport)';

export class CreatePersonDto {
  @IsText(200)
  fullName: string;

  @IsEnum(Sex)
  sex: Sex;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDay()
  @NotInFuture()
  dateOfBirth?: string;

  /** When only the year of birth is known. */
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  @NotAfterThisYear()
  birthYear?: number;

  /** CCCD/CMND or passport number; unique when given. */
  @IsOptional()
  @Matches(ID_NUMBER_PATTERN, { message: ID_NUMBER_MESSAGE })
  idNumber?: string;

  @IsOptional()
  @Matches(/^\+?[0-9 .-]{8,20}$/, { message: 'phone must be a phone number (digits, spaces, dots or dashes)' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  residenceAdminUnitCode?: string;

  @IsOptional()
  @IsText(500)
  address?: string;

  /** May be left out (0), not cleared. */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10)
  vaccinationDoses?: number;

  @IsOptional()
  @IsText(5000)
  notes?: string;
}
