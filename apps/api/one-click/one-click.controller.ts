import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../database/pool.js';
import { spendOneClickToken, verifyOneClickToken } from '../../credentials/one-click.js';
import { OneClickRepository } from '../../database/repositories/one-click.repository.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { acknowledgeUpdate, assignmentWorkflowId } from '../../../workflows/contracts.js';
import { refusal } from '../assignments/assignments.service.js';
import { Public } from '../auth/decorators.js';
import { AppError } from '../common/problem.filter.js';
import { APP_SECRET, DB, TEMPORAL_CLIENT } from '../tokens.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: { vi: string; en: string }, body: { vi: string; en: string }, form?: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title.vi)} — Đôn Đốc</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
button{font-size:1.1rem;padding:.6rem 1.4rem}.en{color:#555}</style></head><body>
<h1>${escape(title.vi)}</h1><p>${escape(body.vi)}</p><p class="en" lang="en">${escape(body.en)}</p>${form ?? ''}</body></html>`;
}

/**
 * Acknowledge links in reminder e-mails, usable without signing in. GET only shows a confirmation (mail
 * scanners fetch links); POST acknowledges. Each link is signed, expires, and works once.
 */
@ApiTags('one-click')
@Controller('one-click')
@Public()
export class OneClickController {
  private readonly tokens = new OneClickRepository();
  private readonly audit = new AuditRepository();

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_SECRET) private readonly secret: string,
  ) {}

  @Get(':token')
  @ApiOperation({ summary: 'Trang xác nhận tiếp nhận / Confirmation page of an acknowledge link' })
  async confirm(@Param('token') token: string, @Res() reply: FastifyReply) {
    const v = await this.checked(token);
    if (v instanceof LinkRefused) return this.refuse(reply, v.why);
    const form = `<form method="post"><button type="submit">Xác nhận tiếp nhận / Acknowledge</button></form>`;
    return this.html(
      reply,
      200,
      page(
        { vi: 'Tiếp nhận nhiệm vụ', en: 'Acknowledge the task' },
        {
          vi: `Xác nhận đơn vị đã tiếp nhận nhiệm vụ ${v.assignmentId}.`,
          en: `Confirm that your unit has received the task ${v.assignmentId}.`,
        },
        form,
      ),
    );
  }

  @Post(':token')
  @ApiOperation({ summary: 'Tiếp nhận bằng liên kết / Acknowledge through the link (once)' })
  async acknowledge(@Param('token') token: string, @Res() reply: FastifyReply) {
    const v = await this.checked(token);
    if (v instanceof LinkRefused) return this.refuse(reply, v.why);
    const requestId = `one-click:${v.id}`;
    try {
      await this.temporal.workflow
        .getHandle(assignmentWorkflowId(v.assignmentId))
        .executeUpdate(acknowledgeUpdate, { args: [{ by: 'one-click-link', requestId }] });
    } catch (err) {
      const problem = refusal(err);
      if (
        !(problem instanceof AppError) ||
        (problem.getResponse() as { code: string }).code !== 'ALREADY_ACKNOWLEDGED'
      )
        throw problem;
    }
    const spent = await spendOneClickToken(this.db, v.id);
    if (spent !== 'spent') return this.refuse(reply, spent === 'expired' ? 'expired' : 'used');
    await this.audit.append(this.db, {
      actor: 'one-click-link',
      action: 'assignment.acknowledged_by_link',
      target: `assignment:${v.assignmentId}`,
      requestId,
    });
    return this.html(
      reply,
      200,
      page(
        { vi: 'Đã tiếp nhận', en: 'Acknowledged' },
        {
          vi: `Nhiệm vụ ${v.assignmentId} đã được ghi nhận là đã tiếp nhận. Cảm ơn.`,
          en: `Task ${v.assignmentId} is recorded as acknowledged. Thank you.`,
        },
      ),
    );
  }

  private async checked(token: string): Promise<{ id: string; assignmentId: string } | LinkRefused> {
    try {
      return await this.check(token);
    } catch (err) {
      if (err instanceof LinkRefused) return err;
      throw err;
    }
  }

  private async check(token: string): Promise<{ id: string; assignmentId: string }> {
    const v = verifyOneClickToken(token, this.secret);
    if (!v.ok) throw new LinkRefused(v.reason === 'expired' ? 'expired' : 'invalid');
    const row = await this.tokens.find(this.db, v.id);
    if (!row || row.assignmentId !== v.assignmentId) throw new LinkRefused('invalid');
    if (row.usedAt) throw new LinkRefused('used');
    return v;
  }

  private refuse(reply: FastifyReply, why: 'expired' | 'invalid' | 'used') {
    const text = {
      expired: {
        vi: 'Liên kết đã hết hạn. Vui lòng đăng nhập để tiếp nhận.',
        en: 'The link has expired. Please sign in to acknowledge.',
      },
      invalid: { vi: 'Liên kết không hợp lệ.', en: 'The link is not valid.' },
      used: { vi: 'Liên kết đã được sử dụng.', en: 'The link has already been used.' },
    }[why];
    return this.html(
      reply,
      why === 'invalid' ? 400 : 410,
      page({ vi: 'Không dùng được liên kết', en: 'Link refused' }, text),
    );
  }

  private html(reply: FastifyReply, status: number, body: string) {
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
      .send(body);
  }
}

/** A refused link answers with a page, not JSON: the person clicked it in an e-mail. */
export class LinkRefused extends AppError {
  constructor(readonly why: 'expired' | 'invalid' | 'used') {
    super(
      why === 'invalid' ? 400 : 410,
      `link_${why}`,
      why === 'expired'
        ? 'Liên kết đã hết hạn.'
        : why === 'used'
          ? 'Liên kết đã được sử dụng.'
          : 'Liên kết không hợp lệ.',
      why === 'expired'
        ? 'The link has expired.'
        : why === 'used'
          ? 'The link has already been used.'
          : 'The link is not valid.',
    );
  }
}
