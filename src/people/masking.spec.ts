import { maskTail } from './masking';

describe('maskTail', () => {
  it('keeps the last three characters of a national id or phone', () => {
    expect(maskTail('079123456789')).toBe('*********789');
    expect(maskTail('0912345678')).toBe('*******678');
  });

  it('hides short values almost entirely and passes null through', () => {
    expect(maskTail('12')).toBe('**');
    expect(maskTail(null)).toBeNull();
  });
});
