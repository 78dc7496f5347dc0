import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, User } from './api.js';

export interface SessionApi {
  user: User | null;
  signedIn(token: string, expiresAt: string, user: User): void;
  signOut(): void;
}

export const SessionContext = createContext<SessionApi>({ user: null, signedIn() {}, signOut() {} });
export const useSession = () => useContext(SessionContext);

export const hasRole = (user: User | null, ...roles: Role[]) =>
  !!user?.roles.some((r) => roles.includes(r.role));
export const isHomeAffairs = (user: User | null) => hasRole(user, 'admin', 'home_affairs');

/** The page each kind of user starts on. */
export function homeOf(user: User): string {
  if (isHomeAffairs(user)) return '/plans';
  if (hasRole(user, 'unit_member', 'unit_head')) return '/inbox';
  if (hasRole(user, 'officer')) return '/inbox?mine=true';
  if (hasRole(user, 'chairperson')) return '/digests';
  return '/dashboard';
}
