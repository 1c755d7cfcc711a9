import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsIsoDateTime, IsText } from '../../common/validation/decorators';
import { Symptom } from '../health-check.entity';

/** One health check of one person, as entered on the monitoring sheet. */
export class RecordHealthCheckDto {
  /** When the check was taken; defaults to now, never in the future. It decides the round. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIsoDateTime()
  takenAt?: string;

  /** Body temperature in °C, one decimal (34.0–43.0). */
  @ApiProperty({ example: 37.2, minimum: 34, maximum: 43 })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(34)
  @Max(43)
  temperatureC: number;

  /** Oxygen saturation in %, where a meter exists (50–100). */
  @ApiPropertyOptional({ minimum: 50, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(50)
  @Max(100)
  spo2?: number;

  /** The symptoms reported; an empty list when none. */
  @ApiProperty({ enum: Symptom, isArray: true, example: [] })
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsEnum(Symptom, { each: true })
  symptoms: Symptom[];

  @IsOptional()
  @IsText(1000)
  note?: string;
}
