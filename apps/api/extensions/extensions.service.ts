import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '../../database/pool.js';
import { ExtensionRepository } from '../../database/repositories/extension.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import type { Principal } from '../auth/principal.js';
import { DB } from '../tokens.js';

@Injectable()
export class ExtensionsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(ExtensionRepository) private readonly extensions: ExtensionRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
  ) {}

  /** Requests waiting for a decision, of one plan or all; another issuer's plan has none (not a 404). */
  async pending(p: Principal, planCode?: string) {
    const plan = planCode ? await this.plans.findByCode(this.db, planCode) : undefined;
    if (planCode && (!plan || plan.issuerId !== p.issuerCode)) return [];
    return this.extensions.listPending(this.db, {
      issuerCode: p.issuerCode,
      ...(plan ? { planId: plan.id } : {}),
    });
  }
}
