import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { verifyOneClickToken } from '../../credentials/one-click.js';
import type { Db } from '../../database/pool.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { OneClickRepository } from '../../database/repositories/one-click.repository.js';
import { acknowledgeUpdate, assignmentWorkflowId } from '../../../workflows/contracts.js';
import { refusal } from '../assignments/assignments.service.js';
import { AppError } from '../common/problem.filter.js';
import { APP_SECRET, DB, TEMPORAL_CLIENT } from '../tokens.js';
import {
  acknowledgedPage,
  alreadyAcknowledgedPage,
  confirmationPage,
  type LinkedTask,
  type LinkRefusal,
  type OneClickPage,
  refusedPage,
} from './one-click.page.js';

/** The actor of an acknowledgement made through a link in an e-mail. */
const ONE_CLICK_ACTOR = 'one-click-link';

/** Acknowledge links in reminder e-mails: each is signed, expires, and works once. */
@Injectable()
export class OneClickService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_SECRET) private readonly secret: string,
    @Inject(OneClickRepository) private readonly tokens: OneClickRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  /**
   * The confirmation page of a usable link (task, unit, deadline and a button); changes nothing. A link already
   * used, or to a task acknowledged meanwhile, says when and by whom instead.
   */
  async confirmation(token: string): Promise<OneClickPage> {
    const link = await this.usable(token);
    if ('refused' in link) return this.refused(link);
    const task = await this.task(link.assignmentId);
    if (!task) return refusedPage('unknown');
    if (task.status !== 'assigned') return alreadyAcknowledgedPage(task);
    return confirmationPage(task);
  }

  /**
   * Acknowledges the assignment, then spends the link. An assignment already acknowledged (by this link's
   * earlier attempt or by someone signed in) still spends it: the person's intent is done.
   */
  async acknowledge(token: string): Promise<OneClickPage> {
    const link = await this.usable(token);
    if ('refused' in link) return this.refused(link);
    const requestId = `one-click:${link.id}`;
    let already = false;
    try {
      await this.temporal.workflow
        .getHandle(assignmentWorkflowId(link.assignmentId))
        .executeUpdate(acknowledgeUpdate, { args: [{ by: ONE_CLICK_ACTOR, requestId }] });
    } catch (err) {
      const problem = refusal(err);
      if (
        !(problem instanceof AppError) ||
        (problem.getResponse() as { code: string }).code !== 'ALREADY_ACKNOWLEDGED'
      )
        throw problem;
      already = true;
    }
    const spent = await this.tokens.spend(this.db, link.id, new Date());
    const task = await this.task(link.assignmentId);
    if (spent !== 'spent')
      return spent === 'expired' ? refusedPage('expired', task) : this.refused({ refused: 'used', ...link });
    await this.audit.append(this.db, {
      actor: ONE_CLICK_ACTOR,
      action: 'assignment.acknowledged_by_link',
      target: `assignment:${link.assignmentId}`,
      requestId,
    });
    if (!task) return refusedPage('unknown');
    return already && task.acknowledgedBy !== ONE_CLICK_ACTOR
      ? alreadyAcknowledgedPage(task)
      : acknowledgedPage(task);
  }

  /** A used link shows who acknowledged the task and when; other refusals name the task when they can. */
  private async refused(link: { refused: LinkRefusal; assignmentId?: string }): Promise<OneClickPage> {
    const task = link.assignmentId ? await this.task(link.assignmentId) : undefined;
    // A used link was spent only after the acknowledgement succeeded.
    if (link.refused === 'used' && task) return alreadyAcknowledgedPage(task);
    return refusedPage(link.refused, task);
  }

  private async task(assignmentId: string): Promise<LinkedTask | undefined> {
    const a = await this.tokens.assignment(this.db, assignmentId);
    if (!a) return undefined;
    return {
      id: assignmentId,
      title: a.title,
      unitName: a.unitName,
      dueAt: a.dueAt ? a.dueAt.toISOString() : null,
      status: a.status,
      acknowledgedAt: a.acknowledgedAt ? a.acknowledgedAt.toISOString() : null,
      acknowledgedBy: a.acknowledgedBy,
      acknowledgedByName: a.acknowledgedByName,
    };
  }

  /** A forged or stale token is refused without a database read; the row tells whether it was used. */
  private async usable(
    token: string,
  ): Promise<{ id: string; assignmentId: string } | { refused: LinkRefusal; assignmentId?: string }> {
    const v = verifyOneClickToken(token, this.secret);
    if (!v.ok)
      return {
        refused: v.reason === 'expired' ? 'expired' : v.reason === 'malformed' ? 'invalid' : 'unknown',
      };
    const row = await this.tokens.find(this.db, v.id);
    if (!row || row.assignmentId !== v.assignmentId) return { refused: 'unknown' };
    if (row.usedAt) return { refused: 'used', assignmentId: v.assignmentId };
    return { id: v.id, assignmentId: v.assignmentId };
  }
}
