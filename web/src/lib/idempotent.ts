import { useRef } from 'react';
import { newIdempotencyKey } from '../api/client';

export type KeyFor = ((body: unknown) => string) & {
  /** Forgets the last key once its submission succeeded, so the next submission is new even with the same body. */
  reset: () => void;
};

/**
 * One Idempotency-Key per form submission: the same body sent again (a double click, a retry after a
 * lost answer) reuses the key, so the API does the work once; a changed body gets a fresh key.
 */
export function useIdempotencyKey(): KeyFor {
  const last = useRef<{ body: string; key: string } | null>(null);
  const keyFor = (body: unknown) => {
    const json = JSON.stringify(body);
    if (!last.current || last.current.body !== json) last.current = { body: json, key: newIdempotencyKey() };
    return last.current.key;
  };
  keyFor.reset = () => {
    last.current = null;
  };
  return keyFor;
}
