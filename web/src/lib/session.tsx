import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, ok, onSignedOut } from '../api/client';
import type { components } from '../api/schema';

export type SessionUser = components['schemas']['SessionUserResponse'];

interface Session {
  /** undefined while the console asks the API who is signed in. */
  user: SessionUser | null | undefined;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const Context = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    api.GET('/api/v1/auth/me').then(({ data }) => setUser(data ?? null), () => setUser(null));
    return onSignedOut(() => setUser(null));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const session = await ok(api.POST('/api/v1/auth/session', { body: { username, password } }));
    setUser(session.user);
  }, []);

  const signOut = useCallback(async () => {
    await api.DELETE('/api/v1/auth/session');
    setUser(null);
  }, []);

  return <Context.Provider value={{ user, signIn, signOut }}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; screens behind the sign-in gate can rely on it. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser before sign-in');
  return user;
}
