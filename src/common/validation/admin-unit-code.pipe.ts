import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Path parameter holding an official admin unit code. */
@Injectable()
export class AdminUnitCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[0-9]{1,10}$/.test(value)) {
      throw new BadRequestException('An admin unit code is made of digits only (for example 94 or 947).');
    }
    return value;
  }
}
