import type { Language, RoleGrant, Role } from '../../database/repositories/user.repository.js';

/** Who is calling, with the units they may see and act for (resolved server-side on every request). */
export interface Principal {
  userId: string;
  sessionId: string;
  login: string;
  displayName: string;
  issuerCode: string;
  personCode: string | null;
  /** The user's language (mail and, once signed in, the web app). */
  lang: Language;
  roles: RoleGrant[];
  /** Admin or Home Affairs: the whole issuer. */
  issuerWide: boolean;
  /** Units the user may see: every unit of their roles and the units under them. */
  visibleUnitIds: ReadonlySet<number>;
  /** Units the user may act for as a member (acknowledge, report progress, complete, ask for an extension). */
  memberUnitIds: ReadonlySet<number>;
  /** Units the user heads (trưởng đơn vị): they manage its officers. */
  headUnitIds: ReadonlySet<number>;
  /** Units the user is an officer (chuyên viên) of: they act on the work given to them. */
  officerUnitIds: ReadonlySet<number>;
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.some((r) => roles.includes(r.role));
}

export function canSeeUnit(p: Principal, unitId: number): boolean {
  return p.issuerWide || p.visibleUnitIds.has(unitId);
}
