import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Env } from '../../config/env.js';
import { type Db, withTransaction } from '../../database/pool.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { SessionRepository } from '../../database/repositories/session.repository.js';
import { type Language, UserRepository } from '../../database/repositories/user.repository.js';
import { AppError } from '../common/problem.filter.js';
import { APP_ENV, DB } from '../tokens.js';
import { DUMMY_HASH, verifyPassword } from '../../credentials/password.js';
import type { Principal } from './principal.js';

const PRINCIPAL_TTL_MS = 5_000;

@Injectable()
export class AuthService {
  /** Principals by session for a few seconds: the roles and unit tree are read once per burst of requests. */
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(APP_ENV) private readonly env: Env,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(SessionRepository) private readonly sessions: SessionRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  async login(
    login: string,
    password: string,
    meta: { ip?: string; userAgent?: string; requestId?: string },
  ): Promise<{ token: string; expiresAt: string; user: ReturnType<typeof publicUser> }> {
    const user = await this.users.findByLogin(this.db, login.trim().toLowerCase());
    const ok = user?.active
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await DUMMY_HASH, password).then(() => false);
    if (!user || !ok) {
      await this.audit.append(this.db, {
        actor: login.slice(0, 100),
        action: 'auth.login_failed',
        ...(meta.requestId ? { requestId: meta.requestId } : {}),
        details: { ip: meta.ip },
      });
      throw new AppError(
        401,
        'invalid_credentials',
        'Tên đăng nhập hoặc mật khẩu không đúng.',
        'Wrong login or password.',
      );
    }
    const session = await this.sessions.create(this.db, {
      userId: user.id,
      ttlHours: this.env.SESSION_TTL_HOURS,
      ...(meta.ip ? { ip: meta.ip } : {}),
      ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
    });
    await this.audit.append(this.db, {
      actor: user.login,
      action: 'auth.login',
      target: `session:${session.id}`,
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
      details: { ip: meta.ip },
    });
    const token = await this.jwt.signAsync(
      { sub: user.id, sid: session.id },
      { expiresIn: this.env.SESSION_TTL_HOURS * 3600 },
    );
    const principal = await this.principal(session.id);
    return { token, expiresAt: session.expiresAt.toISOString(), user: publicUser(principal!) };
  }

  async logout(p: Principal, requestId?: string): Promise<void> {
    await this.sessions.revoke(this.db, p.sessionId);
    this.cache.delete(p.sessionId);
    await this.audit.append(this.db, {
      actor: p.login,
      action: 'auth.logout',
      target: `session:${p.sessionId}`,
      ...(requestId ? { requestId } : {}),
    });
  }

  /**
   * Saves the caller's preferences (the language of their mail and of the web app once signed in), audited with
   * the language before and after. The caller's cached principals are dropped, so `GET /auth/me` answers the new
   * language at once.
   */
  async setPreferences(
    p: Principal,
    prefs: { language: Language },
    requestId?: string,
  ): Promise<{ language: Language }> {
    const saved = await withTransaction(this.db, async (tx) => {
      const lang = await this.users.setLanguage(tx, p.userId, prefs.language);
      if (!lang) throw new AppError(404, 'user_not_found', 'Không tìm thấy người dùng.', 'User not found.');
      await this.audit.append(tx, {
        actor: p.login,
        action: 'user.preferences_changed',
        target: `user:${p.login}`,
        ...(requestId ? { requestId } : {}),
        details: { language: { from: p.lang, to: lang } },
      });
      return lang;
    });
    for (const [sid, c] of this.cache) if (c.principal.userId === p.userId) this.cache.delete(sid);
    return { language: saved };
  }

  /** The caller of a bearer token, or undefined if the token is invalid, expired or its session revoked. */
  async authenticate(token: string): Promise<Principal | undefined> {
    let claims: { sub?: unknown; sid?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      return undefined;
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return undefined;
    const cached = this.cache.get(claims.sid);
    if (cached && cached.until > Date.now()) return cached.principal;
    const principal = await this.principal(claims.sid);
    if (principal && principal.userId === claims.sub) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(claims.sid, { principal, until: Date.now() + PRINCIPAL_TTL_MS });
      return principal;
    }
    return undefined;
  }

  private async principal(sessionId: string): Promise<Principal | undefined> {
    const session = await this.sessions.findValid(this.db, sessionId);
    if (!session) return undefined;
    const user = await this.users.findById(this.db, session.userId);
    if (!user) return undefined;
    const roles = await this.users.roles(this.db, user.id);
    const issuerWide = roles.some((r) => r.role === 'admin' || r.role === 'home_affairs');
    const own = (pick: (r: (typeof roles)[number]) => boolean) =>
      roles.filter((r) => pick(r) && r.unitId !== null).map((r) => r.unitId!);
    const [visible, member] = await Promise.all([
      this.users.unitsUnder(
        this.db,
        own(() => true),
      ),
      this.users.unitsUnder(
        this.db,
        // A unit's head acts for it as its members do.
        own((r) => r.role === 'unit_member' || r.role === 'unit_head'),
      ),
    ]);
    return {
      userId: user.id,
      sessionId,
      login: user.login,
      displayName: user.displayName,
      issuerCode: user.issuerId,
      personCode: user.personCode,
      lang: user.lang,
      roles,
      issuerWide,
      visibleUnitIds: new Set(visible),
      memberUnitIds: new Set(member),
      headUnitIds: new Set(own((r) => r.role === 'unit_head')),
      officerUnitIds: new Set(own((r) => r.role === 'officer')),
    };
  }
}

export function publicUser(p: Principal) {
  return {
    id: p.userId,
    login: p.login,
    displayName: p.displayName,
    issuer: p.issuerCode,
    language: p.lang,
    roles: p.roles.map((r) => ({
      role: r.role,
      unit: r.unitCode ? { code: r.unitCode, name: r.unitName } : null,
    })),
  };
}
