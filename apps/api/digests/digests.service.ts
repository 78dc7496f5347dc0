import { Inject, Injectable } from '@nestjs/common';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import type { Db } from '../../database/pool.js';
import { DigestRepository } from '../../database/repositories/digest.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { issuingOf } from '../../reports/build-report.js';
import { StoredDigest } from '../../reports/document/digest-document.js';
import { DIGEST_TEXTS } from '../../reports/document/digest-texts.js';
import { renderDigest, type DocumentFormat } from '../../reports/document/index.js';
import type { Lang } from '../../reports/document/model.js';
import { issuingFrom, readDocumentEnv } from '../../reports/document/settings.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
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
  /** The office's document settings (place, signer), read once: a wrong one fails at start-up. */
  private readonly documentEnv = readDocumentEnv();

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(DigestRepository) private readonly digests: DigestRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
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

  /**
   * One of the caller's digests as a Decree 30 document (DOCX or PDF): issued by the unit that prepares the
   * plan's reports, addressed to the digest's recipient; in Vietnamese, or in English on request.
   */
  async document(p: Principal, key: string, format: DocumentFormat, lang: Lang = 'vi') {
    const planCode = key.split('/')[1] ?? '';
    const rows = await this.list(p, { plan: planCode, limit: 500 });
    const row = rows.find((r) => r.key === key);
    const stored = row ? StoredDigest.safeParse(row.content) : undefined;
    if (!stored?.success)
      throw new AppError(
        404,
        'digest_not_found',
        'Không tìm thấy bản tổng hợp này trong các bản gửi bạn.',
        `No digest "${key}" addressed to you.`,
      );
    const plan = await this.plans.findByCode(this.db, planCode);
    const ir = plan?.latestVersion
      ? ((await this.plans.getIr(this.db, plan.id, plan.latestVersion)) as PlanIR)
      : null;
    const preparer = ir?.reports.find((r) => r.preparedBy) ?? { id: '', title: '' };
    const issuing = ir
      ? issuingFrom({ ...issuingOf(ir, preparer), recipients: [] }, this.documentEnv, [
          stored.data.recipient.name,
        ])
      : issuingFrom({ issuer: { code: planCode, name: '' } }, this.documentEnv, [stored.data.recipient.name]);
    return renderDigest(stored.data, ir?.plan.title ?? DIGEST_TEXTS[lang].aPlan, issuing, format, lang);
  }
}
