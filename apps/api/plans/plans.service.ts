import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { hasErrors, type Diagnostic } from '../../../dsl/index.js';
import { diffIr } from '../../../dsl/ir/diff.js';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import type { Env } from '../../config/env.js';
import type { Db } from '../../database/pool.js';
import { planEvents } from '../../publishing/plan-preview.js';
import {
  LARGE_REMOVAL,
  publishPlan,
  PublishRefused,
  type PublishIntent,
} from '../../publishing/plan-publisher.js';
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

/** Only the files of the request (a body may carry other fields: startOn, confirmRemovals). */
function sourcesOf(s: PlanSources): PlanSources {
  return { entry: s.entry, files: s.files };
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

  /** Compiles (tracking from `startOn` when given), or answers 422 with the diagnostics. */
  async compile(sources: PlanSources, startOn?: string): Promise<PlanIR> {
    const { diagnostics, ir } = await this.language.run({
      op: 'compile',
      sources: sourcesOf(sources),
      ...(startOn ? { startOn } : {}),
    });
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
    if (startOn && (startOn < `${ir.plan.year - 1}-01-01` || startOn > `${ir.plan.year}-12-31`))
      throw new AppError(
        422,
        'start_outside_plan',
        `Ngày bắt đầu theo dõi ${startOn} nằm ngoài năm kế hoạch ${ir.plan.year} (và năm trước đó).`,
        `The tracking start ${startOn} is outside the plan year ${ir.plan.year} (and the year before).`,
      );
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

  /** Every file of a version as it was published (to open it for amendment) and its tracking start. */
  async source(p: Principal, code: string, version: number) {
    const plan = await this.own(p, code);
    const [source, files] = await Promise.all([
      this.plans.source(this.db, plan.id, version),
      this.plans.files(this.db, plan.id, version),
    ]);
    if (source === undefined || files === undefined)
      throw new AppError(404, 'version_not_found', `Không có phiên bản ${version}.`, `No version ${version}.`);
    return { code, version, source, entry: files.entry, files: files.files, startOn: files.startOn };
  }

  /** The tracking start an amendment compiles with: the one asked for, else the running version's. */
  private async startOf(planId: string, version: number, asked?: string): Promise<string | undefined> {
    if (asked) return asked;
    return (await this.plans.files(this.db, planId, version))?.startOn ?? undefined;
  }

  /** What publishing these sources over the running plan would change, without changing anything. */
  async amendmentPreview(p: Principal, code: string, s: PlanSources, startOn?: string) {
    const plan = await this.own(p, code);
    const ir = await this.compile(s, await this.startOf(plan.id, plan.latestVersion!, startOn));
    if (ir.plan.code !== code)
      throw new AppError(
        422,
        'plan_code_mismatch',
        `Văn bản là kế hoạch "${ir.plan.code}", không phải kế hoạch "${code}" đang điều chỉnh. Một điều chỉnh không được đổi mã kế hoạch.`,
        `The text is plan "${ir.plan.code}", not plan "${code}" being amended. An amendment cannot change the plan's code.`,
        { planCode: ir.plan.code, expected: code },
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
      startOn: ir.plan.publishedOn,
      /** Applying needs `confirmRemovals` equal to the number removed when it is above this. */
      confirmRemovalsAbove: LARGE_REMOVAL,
    };
  }

  /**
   * Publishes a new plan (`intent.kind === 'new'`: refused with 409 plan_exists when its code is taken) or a new
   * version of plan `intent.code` (an amendment of the running plan, checked change by change).
   */
  async publish(p: Principal, s: PlanSources, requestId: string, intent: PublishIntent, askedStart?: string) {
    let startOn = askedStart;
    if (intent.kind === 'amend') {
      const plan = await this.own(p, intent.code);
      startOn = await this.startOf(plan.id, plan.latestVersion!, askedStart);
    }
    const ir = await this.compile(s, startOn);
    if (ir.plan.issuer.code !== p.issuerCode)
      throw new AppError(
        403,
        'other_issuer',
        `Kế hoạch của cơ quan "${ir.plan.issuer.code}", bạn thuộc "${p.issuerCode}".`,
        `The plan belongs to issuer "${ir.plan.issuer.code}"; you act for "${p.issuerCode}".`,
      );
    const result = await publishPlan(
      this.db,
      this.temporal,
      this.env.TEMPORAL_TASK_QUEUE,
      { files: sourcesOf(s), ir, author: p.login, intent, ...(startOn ? { startOn } : {}) },
      { plans: this.plans, units: this.units },
    ).catch((err: unknown) => {
      if (err instanceof PublishRefused) throw new AppError(err.status, err.code, err.vi, err.en, err.details);
      throw err;
    });
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
