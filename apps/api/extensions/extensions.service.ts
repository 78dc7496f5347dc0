import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '../../database/pool.js';
import { ExtensionRepository } from '../../database/repositories/extension.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { UserRepository } from '../../database/repositories/user.repository.js';
import { actorNames } from '../assignments/actor-names.js';
import type { Principal } from '../auth/principal.js';
import { DB } from '../tokens.js';

@Injectable()
export class ExtensionsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(ExtensionRepository) private readonly extensions: ExtensionRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  /** Requests waiting for a decision, of one plan or all; another issuer's plan has none (not a 404). */
  async pending(p: Principal, planCode?: string) {
    const plan = planCode ? await this.plans.findByCode(this.db, planCode) : undefined;
    if (planCode && (!plan || plan.issuerId !== p.issuerCode)) return [];
    const rows = await this.extensions.listPending(this.db, {
      issuerCode: p.issuerCode,
      ...(plan ? { planId: plan.id } : {}),
    });
    const nameOf = await actorNames(
      this.users,
      this.db,
      p.issuerCode,
      rows.map((r) => r.requestedBy),
    );
    // currentDueAt is the deadline's instant (24:00 of the last day when the plan gives no time) and newDueDate
    // the last day asked for: pages read the first with formatDeadline and the second as a date.
    return rows.map((r) => ({ ...r, requestedByName: nameOf(r.requestedBy).name }));
  }
}
