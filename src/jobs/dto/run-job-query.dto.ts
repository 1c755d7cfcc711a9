import { QueryBoolean } from '../../common/validation/decorators';

export class RunJobQueryDto {
  /** Wait (up to 30 s) for the run to finish and return its result. */
  @QueryBoolean()
  wait?: boolean;
}
