import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { QueryBoolean } from '../../common/validation/decorators';
import { Role } from '../user.entity';

export class ListUsersDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @QueryBoolean()
  active?: boolean;
}
