import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { QueryInt } from '../validation/decorators';

export const MAX_PAGE_SIZE = 200;

/** `?page=1&limit=50`, shared by every list endpoint. */
export class PageQueryDto {
  @ApiProperty({ required: false, default: 1, minimum: 1 })
  @IsOptional()
  @QueryInt(1, 1_000_000)
  page: number = 1;

  @ApiProperty({ required: false, default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @QueryInt(1, MAX_PAGE_SIZE)
  limit: number = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, limit: query.limit };
}

export function offsetOf(query: PageQueryDto): number {
  return (query.page - 1) * query.limit;
}
