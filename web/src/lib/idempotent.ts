import { useRef } from 'react';
import { newIdempotencyKey } from '../api/client';

/**
 * One Idempotency-Key per form submission: the same body sent again (a double click, a retry after a
 * lost answer) reuses the key, so the API does the work once; a changed body gets a fresh key.
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const json = JSON.stringify(body);
    if (!last.current || last.current.body !== json) last.current = { body: json, key: newIdempotencyKey() };
    return last.current.key;
  };
}
