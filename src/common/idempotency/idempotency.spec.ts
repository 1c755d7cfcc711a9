import { fingerprint, stableJson } from './idempotency';

describe('request fingerprints', () => {
  it('ignore the order of keys in a body', () => {
    expect(stableJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(fingerprint('POST', '/x', { a: 1, b: 2 })).toBe(fingerprint('POST', '/x', { b: 2, a: 1 }));
  });

  it('differ for another body, path or method', () => {
    const base = fingerprint('POST', '/api/v1/stays', { a: 1 });
    expect(fingerprint('POST', '/api/v1/stays', { a: 2 })).not.toBe(base);
    expect(fingerprint('POST', '/api/v1/other', { a: 1 })).not.toBe(base);
    expect(fingerprint('PUT', '/api/v1/stays', { a: 1 })).not.toBe(base);
  });
});
