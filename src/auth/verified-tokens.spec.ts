import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('gives back the claims of a token until the second it expires', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>(10);
    tokens.add('a', { sub: 'u1', exp: 1000 });
    expect(tokens.get('a', 999)).toEqual({ sub: 'u1', exp: 1000 });
    expect(tokens.get('a', 1000)).toBeUndefined();
    // Once expired, gone for good.
    expect(tokens.get('a', 10)).toBeUndefined();
  });

  it('knows nothing of a token it was not given', () => {
    expect(new VerifiedTokens(10).get('never-checked', 0)).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>(2);
    tokens.add('a', { sub: 'a' });
    tokens.add('b', { sub: 'b' });
    tokens.add('c', { sub: 'c' });
    expect(tokens.get('a', 0)).toBeUndefined();
    expect(tokens.get('b', 0)).toEqual({ sub: 'b' });
    expect(tokens.get('c', 0)).toEqual({ sub: 'c' });
  });
});
