import { IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { QueryBoolean } from '../../common/validation/decorators';
import { Classification } from '../quarantine-policy.entity';

export class ListPoliciesDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(Classification)
  classification?: Classification;

  @QueryBoolean()
  vaccinated?: boolean;
}
