import { Inject, Injectable } from '@nestjs/common';
import type { Env } from '../../config/env.js';
import { INVITATION_TTL_DAYS, invitationId, newInvitationToken } from '../../credentials/invitation.js';
import { hashPassword } from '../../credentials/password.js';
import { type Db, withTransaction } from '../../database/pool.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { OutboxRepository } from '../../database/repositories/outbox.repository.js';
import { PeopleRepository } from '../../database/repositories/people.repository.js';
import { UnitRepository, type UnitRow } from '../../database/repositories/unit.repository.js';
import { hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { APP_ENV, DB } from '../tokens.js';

const DAY_MS = 86_400_000;

/**
 * People inside a unit: its head invites officers by e-mail (a one-time link through the outbox), deactivates
 * them; the unit's clerk sees them to give work to. Every change is in the audit log.
 */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(APP_ENV) private readonly env: Env,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  async list(p: Principal, unitCode: string) {
    const unit = await this.unit(p, unitCode, 'read');
    return {
      unit: { code: unit.code, name: unit.name },
      people: await this.people.listUnitPeople(this.db, unit.id),
    };
  }

  async invite(
    p: Principal,
    unitCode: string,
    body: { email: string; displayName: string },
    origin: string,
    requestId: string,
  ): Promise<{ login: string; expiresAt: string }> {
    const unit = await this.unit(p, unitCode, 'manage');
    const login = body.email;
    const { token, id } = newInvitationToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * DAY_MS);
    const base = (this.env.PUBLIC_URL ?? origin).replace(/\/+$/, '');
    await withTransaction(this.db, async (tx) => {
      const userId = await this.people.createInvited(tx, {
        issuerId: p.issuerCode,
        login,
        displayName: body.displayName,
        email: body.email,
        unitId: unit.id,
      });
      if (!userId)
        throw new AppError(
          409,
          'ACCOUNT_EXISTS',
          'Địa chỉ thư này đã có tài khoản đang hoạt động.',
          'This address already has an active account.',
        );
      await this.people.insertInvitation(tx, { id, userId, unitId: unit.id, invitedBy: p.login, expiresAt });
      await this.outbox.enqueue(tx, [
        {
          key: `invitation/${id}`,
          kind: 'invitation',
          recipient: `person:${login}`,
          recipientName: body.displayName,
          recipientEmail: body.email,
          dueAt: new Date().toISOString(),
          payload: {
            url: `${base}/invitations/${token}`,
            unit: { code: unit.code, name: unit.name },
            invitedByName: p.displayName,
            expiresAt: expiresAt.toISOString(),
          },
        },
      ]);
      await this.audit.append(tx, {
        actor: p.login,
        action: 'unit.officer_invited',
        target: `user:${login}`,
        requestId,
        details: { unit: unit.code, expiresAt: expiresAt.toISOString() },
      });
    });
    return { login, expiresAt: expiresAt.toISOString() };
  }

  async deactivate(
    p: Principal,
    unitCode: string,
    login: string,
    requestId: string,
  ): Promise<{ login: string }> {
    const unit = await this.unit(p, unitCode, 'manage');
    if (login === p.login)
      throw new AppError(
        409,
        'CANNOT_DEACTIVATE_SELF',
        'Không thể tự khóa tài khoản của mình.',
        'You cannot deactivate your own account.',
      );
    await withTransaction(this.db, async (tx) => {
      if (!(await this.people.deactivate(tx, unit.id, login)))
        throw new AppError(
          404,
          'person_not_found',
          'Không có cán bộ đang hoạt động với tên đăng nhập này trong đơn vị.',
          'No active officer of the unit with this login.',
        );
      await this.audit.append(tx, {
        actor: p.login,
        action: 'unit.officer_deactivated',
        target: `user:${login}`,
        requestId,
        details: { unit: unit.code },
      });
    });
    return { login };
  }

  /** What the invitation page shows; 410 once used, revoked or expired, 404 for a link that never was. */
  async invitation(token: string) {
    const inv = await this.people.findInvitation(this.db, invitationId(token));
    if (!inv)
      throw new AppError(404, 'invitation_not_found', 'Liên kết mời không hợp lệ.', 'No such invitation.');
    if (inv.acceptedAt || inv.revokedAt || inv.expiresAt.getTime() <= Date.now())
      throw new AppError(
        410,
        'invitation_used',
        'Liên kết mời đã được dùng hoặc đã hết hạn. Đề nghị trưởng đơn vị gửi lời mời mới.',
        'The invitation was used or has expired. Ask the head of the unit for a new one.',
      );
    return {
      login: inv.login,
      displayName: inv.displayName,
      unit: { code: inv.unitCode, name: inv.unitName },
      expiresAt: inv.expiresAt.toISOString(),
    };
  }

  /** Accepts once: sets the password and activates the account. */
  async accept(token: string, password: string, requestId: string): Promise<{ login: string }> {
    const shown = await this.invitation(token);
    const hash = await hashPassword(password);
    const login = await withTransaction(this.db, async (tx) => {
      const login = await this.people.accept(tx, invitationId(token), hash, new Date());
      if (!login) return undefined;
      await this.audit.append(tx, {
        actor: login,
        action: 'unit.invitation_accepted',
        target: `user:${login}`,
        requestId,
        details: { unit: shown.unit.code },
      });
      return login;
    });
    if (!login)
      throw new AppError(
        410,
        'invitation_used',
        'Liên kết mời đã được dùng hoặc đã hết hạn. Đề nghị trưởng đơn vị gửi lời mời mới.',
        'The invitation was used or has expired. Ask the head of the unit for a new one.',
      );
    return { login };
  }

  /**
   * The unit if the caller may read (its members, head, officers; Home Affairs, admin) or manage (its head;
   * admin) its people; 404 for a unit out of scope, 403 for one seen but not managed.
   */
  private async unit(p: Principal, code: string, need: 'read' | 'manage'): Promise<UnitRow> {
    const unit = await this.units.findByCode(this.db, p.issuerCode, code);
    const issuerWide = hasRole(p, 'admin', 'home_affairs');
    if (!unit || !(issuerWide || p.visibleUnitIds.has(unit.id)))
      throw new AppError(404, 'unit_not_found', `Không có đơn vị "${code}".`, `No unit "${code}".`);
    const allowed =
      need === 'manage'
        ? hasRole(p, 'admin') || p.headUnitIds.has(unit.id)
        : issuerWide || p.memberUnitIds.has(unit.id) || p.headUnitIds.has(unit.id);
    if (!allowed)
      throw new AppError(
        403,
        'forbidden',
        'Chỉ trưởng đơn vị quản lý cán bộ của đơn vị.',
        "Only the unit's head manages its people.",
      );
    return unit;
  }
}
