import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsText } from '../../common/validation/decorators';
import { SexPolicy } from '../room.entity';

/** Camps include halls and gyms: a room may hold up to 500 beds. */
export const MAX_BEDS_PER_ROOM = 500;
export const MAX_ROOMS_PER_REQUEST = 500;

export class CreateRoomDto {
  /** Unique within the facility, e.g. "A-101". */
  @Matches(/^[A-Za-z0-9._ -]{1,50}$/, { message: 'code must be 1–50 letters, digits, spaces, dots, dashes or underscores' })
  code: string;

  @IsOptional()
  @IsText(100)
  building?: string;

  @IsOptional()
  @IsInt()
  @Min(-5)
  @Max(200)
  floor?: number;

  @IsEnum(SexPolicy)
  sexPolicy: SexPolicy;

  /** How many beds to create in the room; they are numbered 01, 02, … (001 … 120 when there are more than 99). */
  @IsInt()
  @Min(1)
  @Max(MAX_BEDS_PER_ROOM)
  beds: number;
}

/** Many rooms at once, in one transaction: all are created or none. */
export class CreateRoomsDto {
  @ValidateNested({ each: true })
  @Type(() => CreateRoomDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROOMS_PER_REQUEST)
  rooms: CreateRoomDto[];
}
