import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Db } from '../../database/pool.js';
import { DigestRepository } from '../../database/repositories/digest.repository.js';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { DB } from '../tokens.js';

const Query_ = z.object({
  plan: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The recipients a user reads digests for: themselves as a person, and the units they hold a role in. */
export function digestRecipients(p: Principal): string[] | null {
  if (p.issuerWide) return null;
  const keys = p.roles.filter((r) => r.unitCode).map((r) => `unit:${r.unitCode}`);
  if (p.personCode) keys.push(`person:${p.personCode}`);
  return keys;
}

@ApiTags('digests')
@ApiBearerAuth()
@Controller('digests')
export class DigestsController {
  private readonly digests = new DigestRepository();

  constructor(@Inject(DB) private readonly db: Db) {}

  @Get()
  @ApiOperation({
    summary: 'Bản tổng hợp leo thang gửi tôi / Escalation digests addressed to me, newest first',
  })
  list(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    return this.digests.listFor(this.db, {
      issuerId: p.issuerCode,
      recipients: digestRecipients(p),
      ...(q.plan ? { planCode: q.plan } : {}),
      limit: q.limit,
    });
  }

  @Get('current')
  @ApiOperation({ summary: 'Bản tổng hợp mới nhất / The latest digest for each of my recipients' })
  async current(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    const rows = await this.digests.listFor(this.db, {
      issuerId: p.issuerCode,
      recipients: digestRecipients(p),
      ...(q.plan ? { planCode: q.plan } : {}),
      limit: 500,
    });
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows)
      if (!latest.has(`${r.planCode}|${r.recipient}`)) latest.set(`${r.planCode}|${r.recipient}`, r);
    return [...latest.values()];
  }
}
