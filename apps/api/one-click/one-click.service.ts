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
  confirmationPage,
  type LinkRefusal,
  type OneClickPage,
  refusedPage,
} from './one-click.page.js';

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

  /** The confirmation page of a usable link; changes nothing. */
  async confirmation(token: string): Promise<OneClickPage> {
    const link = await this.usable(token);
    return 'refused' in link ? refusedPage(link.refused) : confirmationPage(link.assignmentId);
  }

  /**
   * Acknowledges the assignment, then spends the link. An assignment already acknowledged (by this link's
   * earlier attempt or by someone signed in) still spends it: the person's intent is done.
   */
  async acknowledge(token: string): Promise<OneClickPage> {
    const link = await this.usable(token);
    if ('refused' in link) return refusedPage(link.refused);
    const requestId = `one-click:${link.id}`;
    try {
      await this.temporal.workflow
        .getHandle(assignmentWorkflowId(link.assignmentId))
        .executeUpdate(acknowledgeUpdate, { args: [{ by: 'one-click-link', requestId }] });
    } catch (err) {
      const problem = refusal(err);
      if (
        !(problem instanceof AppError) ||
        (problem.getResponse() as { code: string }).code !== 'ALREADY_ACKNOWLEDGED'
      )
        throw problem;
    }
    const spent = await this.tokens.spend(this.db, link.id, new Date());
    if (spent !== 'spent') return refusedPage(spent === 'expired' ? 'expired' : 'used');
    await this.audit.append(this.db, {
      actor: 'one-click-link',
      action: 'assignment.acknowledged_by_link',
      target: `assignment:${link.assignmentId}`,
      requestId,
    });
    return acknowledgedPage(link.assignmentId);
  }

  /** A forged or stale token is refused without a database read; the row tells whether it was used. */
  private async usable(
    token: string,
  ): Promise<{ id: string; assignmentId: string } | { refused: LinkRefusal }> {
    const v = verifyOneClickToken(token, this.secret);
    if (!v.ok) return { refused: v.reason === 'expired' ? 'expired' : 'invalid' };
    const row = await this.tokens.find(this.db, v.id);
    if (!row || row.assignmentId !== v.assignmentId) return { refused: 'invalid' };
    if (row.usedAt) return { refused: 'used' };
    return { id: v.id, assignmentId: v.assignmentId };
  }
}
