import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsAdminUnitCode, IsText, Omittable } from '../../common/validation/decorators';
import { Role } from '../user.entity';

/** Change a user's name, role, scope or password, or deactivate them (their tokens stop working at once). */
export class UpdateUserDto {
  @Omittable()
  @IsText(200)
  fullName?: string;

  @Omittable()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;

  @Omittable()
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

  @Omittable()
  @IsBoolean()
  active?: boolean;
}
