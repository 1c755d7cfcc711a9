import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { validationFailed } from './validation';

/** Path parameter holding an official admin unit code. */
@Injectable()
export class AdminUnitCodePipe implements PipeTransform<string, string> {
  transform(value: string, metadata?: ArgumentMetadata): string {
    if (!/^[0-9]{1,10}$/.test(value)) {
      throw validationFailed([
        { field: metadata?.data ?? 'code', message: 'An admin unit code is made of digits only (for example 94 or 947).' },
      ]);
    }
    return value;
  }
}
