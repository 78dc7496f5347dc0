import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Db } from '../../database/pool.js';
import { ExtensionRepository } from '../../database/repositories/extension.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { DB } from '../tokens.js';

const Query_ = z.object({
  plan: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
});

@ApiTags('extensions')
@ApiBearerAuth()
@Controller('extension-requests')
@Roles('admin', 'home_affairs')
export class ExtensionsController {
  private readonly extensions = new ExtensionRepository();
  private readonly plans = new PlanRepository();

  constructor(@Inject(DB) private readonly db: Db) {}

  @Get()
  @ApiOperation({ summary: 'Đề nghị gia hạn chờ quyết định / Extension requests waiting for a decision' })
  async pending(@CurrentUser() p: Principal, @Query(new ZodPipe(Query_)) q: z.infer<typeof Query_>) {
    const plan = q.plan ? await this.plans.findByCode(this.db, q.plan) : undefined;
    if (q.plan && (!plan || plan.issuerId !== p.issuerCode)) return [];
    return this.extensions.listPending(this.db, {
      issuerCode: p.issuerCode,
      ...(plan ? { planId: plan.id } : {}),
    });
  }
}
