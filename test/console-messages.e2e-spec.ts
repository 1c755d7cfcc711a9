import { ErrorCode } from '../src/common/errors/error-codes';
import { en } from '../web/src/i18n/en';
import { vi } from '../web/src/i18n/vi';

// The console shows every error of the API in Vietnamese (and English): a new code needs its sentence
// in web/src/i18n/vi.ts and en.ts, else the console falls back to the API's English prose.
describe('the console speaks every error code', () => {
  it.each(Object.values(ErrorCode))('has Vietnamese and English words for %s', (code) => {
    expect(vi).toHaveProperty([`error.${code}`]);
    expect(en).toHaveProperty([`error.${code}`]);
  });
});
