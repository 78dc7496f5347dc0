import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { writeIcs, type IcsEvent } from '../../../dsl/calendar/ics-writer.js';
import type { Env } from '../../config/env.js';
import { formatDate, formatDeadline, readDeadline } from '../../presentation/index.js';
import type { Db } from '../../database/pool.js';
import { AssignmentRepository } from '../../database/repositories/assignment.repository.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { FeedRepository } from '../../database/repositories/feed.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import { canSeeUnit, hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { APP_ENV, DB } from '../tokens.js';

// 32 random bytes, base64url: the URL is the credential, so it must not be guessable.
const freshSecret = () => randomBytes(32).toString('base64url');

const STATUS_VI: Record<string, string> = {
  assigned: 'chưa tiếp nhận',
  acknowledged: 'đã tiếp nhận',
  in_progress: 'đang thực hiện',
  done: 'đã hoàn thành',
  cancelled: 'đã hủy',
};

/** A day before the deadline, so a subscriber's calendar reminds them of work still open. */
const ALARM_BEFORE_SECONDS = 24 * 3600;

/** What the feed URL is built from when PUBLIC_URL is not set, and the id the audit log records. */
export interface FeedRequest {
  readonly requestId: string;
  /** `protocol://host` the request came to. */
  readonly origin: string;
}

export interface FeedLink {
  readonly unit: string;
  readonly url: string;
}

/** Each unit's iCal feed of deadlines behind a secret URL: handing it out, rotating it, and the feed itself. */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(APP_ENV) private readonly env: Env,
    @Inject(FeedRepository) private readonly feeds: FeedRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(AssignmentRepository) private readonly assignments: AssignmentRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  /** The unit's feed URL, created on first request. */
  async link(p: Principal, code: string, request: FeedRequest): Promise<FeedLink> {
    const unit = await this.visibleUnit(p, code);
    const secret = await this.feeds.ensure(this.db, unit.id, freshSecret());
    // The URL is a credential: who was handed it is in the audit log.
    await this.audit.append(this.db, {
      actor: p.login,
      action: 'calendar.link_issued',
      target: `unit:${code}`,
      requestId: request.requestId,
    });
    return { unit: code, url: this.url(request, secret) };
  }

  /** A new feed URL; the old one stops working. Members of the unit, admins and Home Affairs only. */
  async rotate(p: Principal, code: string, request: FeedRequest): Promise<FeedLink> {
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
      requestId: request.requestId,
    });
    return { unit: code, url: this.url(request, secret) };
  }

  /**
   * The iCalendar text of the feed a secret opens: the unit's open and done deadlines, each on its last day (all
   * day, or at the time the plan gives).
   */
  async feed(secretInUrl: string): Promise<string> {
    const unitId = await this.feeds.unitOf(this.db, secretInUrl.replace(/\.ics$/, ''));
    const unit = unitId === undefined ? undefined : await this.units.findById(this.db, unitId);
    if (unitId === undefined || !unit)
      throw new AppError(404, 'feed_not_found', 'Không có lịch này.', 'No such feed.');
    const { rows } = await this.assignments.listVisible(this.db, {
      issuerId: unit.issuerId,
      unitIds: [unitId],
      includeInactive: true,
      limit: 5000,
      offset: 0,
    });
    const events: IcsEvent[] = [];
    for (const a of rows) {
      if (a.kind !== 'deadline' || a.status === 'cancelled') continue;
      // The deadline from the instant the engine keeps (moved by an extension): on its last day, all day, or at
      // its time when the plan gives one, never on the date of the midnight that ends it.
      const dueAt = a.dueAt ? new Date(a.dueAt).toISOString() : null;
      const deadline = dueAt ? readDeadline(dueAt) : a.dueDate ? { lastDay: a.dueDate } : null;
      if (!deadline) continue;
      events.push({
        uid: `${a.id}@dondoc`,
        when: deadline.time && dueAt ? { instant: dueAt } : { date: deadline.lastDay },
        summary: `Hạn: ${a.title}${a.occurrence ? ` (${a.occurrence})` : ''}`,
        description: `${a.taskId} — ${STATUS_VI[a.status] ?? a.status}. Hạn ${dueAt ? formatDeadline(dueAt) : formatDate(deadline.lastDay)}. Kế hoạch ${a.planCode ?? ''}.`,
        ...(a.status === 'done' ? {} : { alarmBeforeSeconds: ALARM_BEFORE_SECONDS }),
      });
    }
    return writeIcs({
      prodId: { company: 'Dondoc', product: 'Unit calendar', language: 'VI' },
      name: `Đôn Đốc — ${unit.name}`,
      timeZone: 'Asia/Ho_Chi_Minh',
      ttlSeconds: 3600,
      events,
    });
  }

  private async visibleUnit(p: Principal, code: string) {
    const unit = await this.units.findByCode(this.db, p.issuerCode, code);
    if (!unit || !canSeeUnit(p, unit.id))
      throw new AppError(404, 'unit_not_found', `Không có đơn vị "${code}".`, `No unit "${code}".`);
    return unit;
  }

  private url(request: FeedRequest, secret: string): string {
    const base = this.env.PUBLIC_URL ?? request.origin;
    return `${base.replace(/\/+$/, '')}/api/ical/${secret}.ics`;
  }
}
