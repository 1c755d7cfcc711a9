import { IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsText } from '../../common/validation/decorators';

export class ListPeopleDto extends PageQueryDto {
  /** Part of a name (with or without diacritics), or a whole ID or phone number. */
  @IsOptional()
  @IsText(100, 2)
  q?: string;
}
