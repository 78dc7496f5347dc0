import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { hasErrors, type Diagnostic } from '../../../dsl/index.js';
import { diffIr } from '../../../dsl/ir/diff.js';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import type { Env } from '../../config/env.js';
import type { Db } from '../../database/pool.js';
import { planEvents } from '../../publishing/plan-preview.js';
import { publishPlan } from '../../publishing/plan-publisher.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { APP_ENV, DB, TEMPORAL_CLIENT } from '../tokens.js';
import { PlanLanguage } from './plan-language.js';
import type { PlanSources } from './plan-language.worker.js';

function counts(diagnostics: readonly Diagnostic[]) {
  const n = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  return { errors: n('error'), warnings: n('warning'), info: n('info') };
}

/** The text stored with a version: the entry file alone, or every file when the plan includes others. */
function storedSource(s: PlanSources): string {
  const names = Object.keys(s.files);
  return names.length === 1 && names[0] === s.entry ? s.files[s.entry]! : JSON.stringify(s);
}

@Injectable()
export class PlansService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_ENV) private readonly env: Env,
    @Inject(PlanLanguage) private readonly language: PlanLanguage,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  /** Diagnostics with the same codes, positions and messages as `dondoc check`. */
  async check(sources: PlanSources) {
    const { diagnostics } = await this.language.run({ op: 'check', sources });
    return { ok: !hasErrors(diagnostics), ...counts(diagnostics), diagnostics };
  }

  /** `dondoc fmt --lang`: the text with every keyword in one language; unchanged when it cannot be parsed. */
  async format(text: string, lang: 'vi' | 'en', file = 'ke-hoach.dondoc') {
    const r = await this.language.run({ op: 'format', text, lang, file });
    return { ok: r.ok, text: r.text, changed: r.text !== text, diagnostics: r.diagnostics };
  }

  /** Compiles, or answers 422 with the diagnostics. */
  async compile(sources: PlanSources): Promise<PlanIR> {
    const { diagnostics, ir } = await this.language.run({ op: 'compile', sources });
    if (!ir) {
      const { errors } = counts(diagnostics);
      throw new AppError(
        422,
        'plan_has_errors',
        `Kế hoạch còn ${errors} lỗi.`,
        `The plan has ${errors} error(s).`,
        diagnostics,
      );
    }
    return ir;
  }

  async preview(s: PlanSources, unit?: string) {
    const ir = await this.compile(s);
    return {
      plan: { code: ir.plan.code, title: ir.plan.title, year: ir.plan.year },
      assignments: ir.assignments.length,
      events: planEvents(ir, unit ? { unit } : {}),
    };
  }

  async list(p: Principal) {
    const plans = await this.plans.listOf(this.db, p.issuerCode);
    if (p.issuerWide) return plans;
    // Counts over the whole plan would tell a unit about the others.
    return plans
      .filter((plan) => plan.publishedVersion !== null)
      .map(({ code, title, year, publishedVersion, publishedAt }) => ({ code, title, year, publishedVersion, publishedAt }));
  }

  async get(p: Principal, code: string) {
    const plan = await this.own(p, code);
    return { ...plan, versions: await this.plans.versions(this.db, plan.id) };
  }

  async source(p: Principal, code: string, version: number) {
    const plan = await this.own(p, code);
    const source = await this.plans.source(this.db, plan.id, version);
    if (source === undefined)
      throw new AppError(404, 'version_not_found', `Không có phiên bản ${version}.`, `No version ${version}.`);
    return { code, version, source };
  }

  /** What publishing these sources over the running plan would change, without changing anything. */
  async amendmentPreview(p: Principal, code: string, s: PlanSources) {
    const plan = await this.own(p, code);
    const ir = await this.compile(s);
    if (ir.plan.code !== code)
      throw new AppError(
        422,
        'plan_code_mismatch',
        `Mã kế hoạch trong văn bản là "${ir.plan.code}", không phải "${code}".`,
        `The text's plan code is "${ir.plan.code}", not "${code}".`,
      );
    const current = (await this.plans.getIr(this.db, plan.id, plan.latestVersion!)) as PlanIR;
    const diff = diffIr(current, ir);
    const line = (a: PlanIR['assignments'][number]) => ({
      id: a.id,
      taskId: a.taskId,
      unit: a.unit,
      occurrence: a.occurrence,
      dueDate: a.dueDate,
    });
    return {
      fromVersion: plan.latestVersion,
      unchangedPlan: current.hash === ir.hash,
      added: diff.added.map(line),
      removed: diff.removed.map(line),
      changed: diff.changed.map((c) => ({
        ...c,
        fields: Object.fromEntries(
          Object.entries(c.fields).map(([f, v]) => [
            f,
            f === 'reminders' || f === 'escalations' ? { changed: true } : v,
          ]),
        ),
      })),
      unchanged: diff.unchanged,
    };
  }

  /** Publishes a new plan or a new version of one (an amendment of the running plan). */
  async publish(p: Principal, s: PlanSources, requestId: string, expectCode?: string) {
    if (expectCode) await this.own(p, expectCode);
    const ir = await this.compile(s);
    if (ir.plan.issuer.code !== p.issuerCode)
      throw new AppError(
        403,
        'other_issuer',
        `Kế hoạch của cơ quan "${ir.plan.issuer.code}", bạn thuộc "${p.issuerCode}".`,
        `The plan belongs to issuer "${ir.plan.issuer.code}"; you act for "${p.issuerCode}".`,
      );
    if (expectCode && ir.plan.code !== expectCode)
      throw new AppError(
        422,
        'plan_code_mismatch',
        `Mã kế hoạch trong văn bản là "${ir.plan.code}", không phải "${expectCode}".`,
        `The text's plan code is "${ir.plan.code}", not "${expectCode}".`,
      );
    const result = await publishPlan(
      this.db,
      this.temporal,
      this.env.TEMPORAL_TASK_QUEUE,
      { source: storedSource(s), ir, author: p.login },
      { plans: this.plans, units: this.units },
    );
    if (result.action !== 'unchanged') {
      await this.plans.setPublishedBy(this.db, result.planId, result.version, p.userId);
      await this.audit.append(this.db, {
        actor: p.login,
        action: result.action === 'started' ? 'plan.published' : 'plan.amended',
        target: `plan:${ir.plan.code}@${result.version}`,
        requestId,
        details: { assignments: result.assignments, hash: ir.hash },
      });
    }
    return result;
  }

  private async own(p: Principal, code: string) {
    const plan = await this.plans.findByCode(this.db, code);
    if (!plan || plan.issuerId !== p.issuerCode || !plan.latestVersion)
      throw new AppError(404, 'plan_not_found', `Không có kế hoạch "${code}".`, `No plan "${code}".`);
    return plan;
  }
}
