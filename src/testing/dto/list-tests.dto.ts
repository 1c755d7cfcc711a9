import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { TestKind, TestResult } from '../test-sample.entity';

export class ListTestsDto extends PageQueryDto {
  @IsOptional()
  @IsUUID('all')
  facilityId?: string;

  @IsOptional()
  @IsEnum(TestResult)
  result?: TestResult;

  @IsOptional()
  @IsEnum(TestKind)
  kind?: TestKind;
}
