import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '../../database/pool.js';
import { DigestRepository } from '../../database/repositories/digest.repository.js';
import type { Principal } from '../auth/principal.js';
import { DB } from '../tokens.js';

/** The recipients a user reads digests for: themselves as a person, and the units they hold a role in. */
export function digestRecipients(p: Principal): string[] | null {
  if (p.issuerWide) return null;
  const keys = p.roles.filter((r) => r.unitCode).map((r) => `unit:${r.unitCode}`);
  if (p.personCode) keys.push(`person:${p.personCode}`);
  return keys;
}

@Injectable()
export class DigestsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(DigestRepository) private readonly digests: DigestRepository,
  ) {}

  /** Digests addressed to the caller, newest first. */
  list(p: Principal, q: { plan?: string; limit: number }) {
    return this.digests.listFor(this.db, {
      issuerId: p.issuerCode,
      recipients: digestRecipients(p),
      ...(q.plan ? { planCode: q.plan } : {}),
      limit: q.limit,
    });
  }

  /** The newest digest of each plan and recipient among the caller's. */
  async current(p: Principal, q: { plan?: string }) {
    const rows = await this.list(p, { ...q, limit: 500 });
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows)
      if (!latest.has(`${r.planCode}|${r.recipient}`)) latest.set(`${r.planCode}|${r.recipient}`, r);
    return [...latest.values()];
  }
}
