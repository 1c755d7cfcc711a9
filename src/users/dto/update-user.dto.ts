import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsAdminUnitCode, IsText } from '../../common/validation/decorators';
import { Role } from '../user.entity';

/** Change a user's name, role, scope or password, or deactivate them (their tokens stop working at once). */
export class UpdateUserDto {
  @IsOptional()
  @IsText(200)
  fullName?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;

  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsAdminUnitCode()
  adminUnitCode?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all')
  facilityId?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
