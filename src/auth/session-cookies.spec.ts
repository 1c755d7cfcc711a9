import { csrfSatisfied, CSRF_COOKIE, SESSION_COOKIE, tokenFromRequest } from './session-cookies';

describe('tokenFromRequest', () => {
  it('prefers the bearer header and falls back to the session cookie', () => {
    expect(tokenFromRequest({ headers: { authorization: 'Bearer abc' }, cookies: { [SESSION_COOKIE]: 'xyz' } })).toEqual({
      token: 'abc',
      viaCookie: false,
    });
    expect(tokenFromRequest({ headers: {}, cookies: { [SESSION_COOKIE]: 'xyz' } })).toEqual({ token: 'xyz', viaCookie: true });
    expect(tokenFromRequest({ headers: { authorization: 'Basic abc' } })).toBeNull();
  });
});

describe('csrfSatisfied', () => {
  const cookies = { [CSRF_COOKIE]: 'token-1234' };
  it('lets reads through without a token', () => {
    expect(csrfSatisfied('GET', {}, undefined)).toBe(true);
    expect(csrfSatisfied('HEAD', {}, undefined)).toBe(true);
  });
  it('wants changes to echo the readable cookie in the header', () => {
    expect(csrfSatisfied('POST', { 'x-csrf-token': 'token-1234' }, cookies)).toBe(true);
    expect(csrfSatisfied('DELETE', { 'x-csrf-token': 'token-1234' }, cookies)).toBe(true);
    expect(csrfSatisfied('POST', {}, cookies)).toBe(false);
    expect(csrfSatisfied('PATCH', { 'x-csrf-token': 'token-12345' }, cookies)).toBe(false);
    expect(csrfSatisfied('POST', { 'x-csrf-token': 'token-1234' }, {})).toBe(false);
    expect(csrfSatisfied('POST', { 'x-csrf-token': '' }, { [CSRF_COOKIE]: '' })).toBe(false);
  });
});
