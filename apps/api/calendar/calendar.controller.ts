import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import ical, { ICalAlarmType } from 'ical-generator';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Env } from '../../config/env.js';
import type { Db } from '../../database/pool.js';
import { AssignmentRepository } from '../../database/repositories/assignment.repository.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { FeedRepository } from '../../database/repositories/feed.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import { CurrentUser, Public } from '../auth/decorators.js';
import { canSeeUnit, hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { APP_ENV, DB } from '../tokens.js';

const UnitCode = z.string().regex(/^[a-z0-9_]+$/);
// 32 random bytes, base64url: the URL is the credential, so it must not be guessable.
const Secret = z.string().regex(/^[A-Za-z0-9_-]{43}(\.ics)?$/);
const freshSecret = () => randomBytes(32).toString('base64url');

const STATUS_VI: Record<string, string> = {
  assigned: 'chưa tiếp nhận',
  acknowledged: 'đã tiếp nhận',
  in_progress: 'đang thực hiện',
  done: 'đã hoàn thành',
  cancelled: 'đã hủy',
};

@ApiTags('calendar')
@Controller()
export class CalendarController {
  private readonly feeds = new FeedRepository();
  private readonly units = new UnitRepository();
  private readonly assignments = new AssignmentRepository();
  private readonly audit = new AuditRepository();

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(APP_ENV) private readonly env: Env,
  ) {}

  @Get('units/:code/calendar')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Đường dẫn lịch iCal của đơn vị / The unit’s secret iCal feed URL' })
  async link(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(UnitCode)) code: string,
    @Req() req: FastifyRequest,
  ) {
    const unit = await this.visibleUnit(p, code);
    const secret = await this.feeds.ensure(this.db, unit.id, freshSecret());
    // The URL is a credential (created on first request): who was handed it is in the audit log.
    await this.audit.append(this.db, {
      actor: p.login,
      action: 'calendar.link_issued',
      target: `unit:${code}`,
      requestId: String(req.id),
    });
    return { unit: code, url: this.url(req, secret) };
  }

  @Post('units/:code/calendar/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Đổi đường dẫn lịch (đường cũ hết hiệu lực) / Rotate the feed URL' })
  async rotate(
    @CurrentUser() p: Principal,
    @Param('code', new ZodPipe(UnitCode)) code: string,
    @Req() req: FastifyRequest,
  ) {
    const unit = await this.visibleUnit(p, code);
    if (!(p.memberUnitIds.has(unit.id) || hasRole(p, 'admin', 'home_affairs')))
      throw new AppError(
        403,
        'forbidden',
        'Bạn không đổi được lịch của đơn vị này.',
        'You may not rotate this feed.',
      );
    const secret = await this.feeds.rotate(this.db, unit.id, freshSecret());
    await this.audit.append(this.db, {
      actor: p.login,
      action: 'calendar.rotated',
      target: `unit:${code}`,
      requestId: String(req.id),
    });
    return { unit: code, url: this.url(req, secret) };
  }

  /** The feed itself: public, the secret in the URL is the credential. */
  @Get('ical/:secret')
  @Public()
  @ApiOperation({ summary: 'Lịch iCal của đơn vị / A unit’s iCal feed (deadlines with a reminder)' })
  async feed(@Param('secret', new ZodPipe(Secret)) raw: string, @Res() reply: FastifyReply) {
    const unitId = await this.feeds.unitOf(this.db, raw.replace(/\.ics$/, ''));
    if (unitId === undefined)
      throw new AppError(404, 'feed_not_found', 'Không có lịch này.', 'No such feed.');
    const unit = await this.units.findById(this.db, unitId);
    const { rows } = await this.assignments.listVisible(this.db, {
      issuerId: unit!.issuerId,
      unitIds: [unitId],
      includeInactive: true,
      limit: 5000,
      offset: 0,
    });
    const cal = ical({ name: `Đôn Đốc — ${unit!.name}`, timezone: 'Asia/Ho_Chi_Minh', ttl: 3600 });
    for (const a of rows) {
      if (a.kind !== 'deadline' || !a.dueDate || a.status === 'cancelled') continue;
      const day = new Date(`${a.dueDate}T00:00:00Z`);
      cal.createEvent({
        id: `${a.id}@dondoc`,
        start: day,
        allDay: true,
        summary: `Hạn: ${a.title}${a.occurrence ? ` (${a.occurrence})` : ''}`,
        description: `${a.taskId} — ${STATUS_VI[a.status] ?? a.status}. Kế hoạch ${a.planCode ?? ''}.`,
        ...(a.status === 'done' ? {} : { alarms: [{ type: ICalAlarmType.display, trigger: 24 * 3600 }] }),
      });
    }
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .send(cal.toString());
  }

  private async visibleUnit(p: Principal, code: string) {
    const unit = await this.units.findByCode(this.db, p.issuerCode, code);
    if (!unit || !canSeeUnit(p, unit.id))
      throw new AppError(404, 'unit_not_found', `Không có đơn vị "${code}".`, `No unit "${code}".`);
    return unit;
  }

  private url(req: FastifyRequest, secret: string): string {
    const base = this.env.PUBLIC_URL ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    return `${base.replace(/\/+$/, '')}/api/ical/${secret}.ics`;
  }
}
