import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsAdminUnitCode, IsText } from '../../common/validation/decorators';
import { Role } from '../user.entity';

export class CreateUserDto {
  /** Letters, digits, dots, dashes and underscores; compared without regard to case. */
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'username must be 3–64 letters, digits, dots, dashes or underscores' })
  username: string;

  @IsText(200)
  fullName: string;

  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @IsEnum(Role)
  role: Role;

  /** Required for a district committee: the admin unit it oversees. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsAdminUnitCode()
  adminUnitCode?: string;

  /** Required for a camp manager: the facility they run. */
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;
}
