import { Inject, Injectable } from '@nestjs/common';
import { endOfLocalDay } from '../../../dsl/calendar/local-time.js';
import type { Db } from '../../database/pool.js';
import { FileRepository } from '../../database/repositories/file.repository.js';
import { IndicatorRepository } from '../../database/repositories/indicator.repository.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { ReportRepository, type ReportDefinition } from '../../database/repositories/report.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import { compileReportContent, ReportNotFoundError } from '../../reports/compile-report.js';
import { withReadings } from '../../reports/readings.js';
import type { Lang } from '../../reports/document/model.js';
import { readDocumentEnv } from '../../reports/document/settings.js';
import { renderReport } from '../../reports/render/index.js';
import type { ReportContent } from '../../reports/report-model.js';
import { canSeeUnit, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { DB } from '../tokens.js';

export type ReportFormat = 'json' | 'html' | 'pdf' | 'docx' | 'xlsx' | 'csv';

/** A report as the answer carries it: the content itself as JSON, or a rendered file. */
export type ReportAnswer =
  | { format: 'json'; content: ReportContent }
  | { format: Exclude<ReportFormat, 'json'>; contentType: string; filename: string; body: Buffer };

@Injectable()
export class ReportsService {
  /** The office's document settings (place, signer), read once: a wrong one fails at start-up. */
  private readonly documentEnv = readDocumentEnv();

  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(ReportRepository) private readonly reports: ReportRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(IndicatorRepository) private readonly indicators: IndicatorRepository,
    @Inject(FileRepository) private readonly files: FileRepository,
  ) {}

  /** Issued reports the caller may open: all of the issuer's for issuer-wide roles, else those within scope. */
  async list(p: Principal, q: { plan?: string; limit: number }) {
    const within = p.issuerWide ? undefined : await this.visibleUnitCodes(p);
    return this.reports.listRunsOf(this.db, {
      issuerCode: p.issuerCode,
      ...(q.plan ? { planCode: q.plan } : {}),
      ...(within ? { withinUnits: within } : {}),
      limit: q.limit,
    });
  }

  /** The plan's reports and periods, for generating one as of any date (a report covers every unit). */
  async definitions(p: Principal, planCode: string): Promise<ReportDefinition[]> {
    const plan = await this.plans.findByCode(this.db, planCode);
    if (!plan || plan.issuerId !== p.issuerCode)
      throw new AppError(
        404,
        'plan_not_found',
        `Không tìm thấy kế hoạch "${planCode}".`,
        `No plan "${planCode}".`,
      );
    return this.reports.definitionsOf(this.db, p.issuerCode, planCode);
  }

  /** An issued report (immutable), in the format asked for (DOCX and PDF in `lang`). */
  async issued(p: Principal, key: string, format: ReportFormat, lang: Lang = 'vi'): Promise<ReportAnswer> {
    const run = await this.reports.findRun(this.db, key);
    const content = run?.content as ReportContent | undefined;
    if (!content || content.plan.issuer.code !== p.issuerCode)
      throw new AppError(404, 'report_not_found', `Không có báo cáo "${key}".`, `No report "${key}".`);
    await this.mayRead(p, content);
    return this.answer(content, format, lang);
  }

  /** A report as of any instant or for a named period, computed now from the event log. */
  async generate(
    p: Principal,
    g: {
      plan: string;
      report: string;
      asOf?: string | undefined;
      period?: string | undefined;
      format: ReportFormat;
      lang?: Lang;
    },
  ): Promise<ReportAnswer> {
    const asOf = g.asOf && /^\d{4}-\d{2}-\d{2}$/.test(g.asOf) ? endOfLocalDay(g.asOf) : g.asOf;
    let content: ReportContent;
    try {
      content = await compileReportContent(
        this.db,
        {
          planCode: g.plan,
          reportId: g.report,
          ...(g.period ? { period: g.period } : {}),
          ...(asOf ? { asOf: new Date(asOf).toISOString() } : {}),
        },
        { plans: this.plans, reports: this.reports, indicators: this.indicators, files: this.files },
      );
    } catch (err) {
      if (err instanceof ReportNotFoundError)
        throw new AppError(
          404,
          `${err.what}_not_found`,
          `Không tìm thấy ${err.what === 'plan' ? 'kế hoạch' : err.what === 'report' ? 'báo cáo' : 'kỳ báo cáo'} "${err.id}".`,
          `No ${err.what} "${err.id}".`,
        );
      throw err;
    }
    if (content.plan.issuer.code !== p.issuerCode)
      throw new AppError(
        404,
        'plan_not_found',
        `Không tìm thấy kế hoạch "${g.plan}".`,
        `No plan "${g.plan}".`,
      );
    await this.mayRead(p, content);
    return this.answer(content, g.format, g.lang ?? 'vi');
  }

  private async answer(content: ReportContent, format: ReportFormat, lang: Lang): Promise<ReportAnswer> {
    // The JSON says what the files say: the period in words and, for a period not yet over, that it is an
    // interim (filled in for runs stored before these were kept).
    if (format === 'json') return { format, content: withReadings(content) };
    const r = await renderReport(content, format, this.documentEnv, lang);
    return { format, contentType: r.contentType, filename: r.filename, body: r.body };
  }

  /** A report shows every unit of the plan: only those who may see all of them read it. */
  private async mayRead(p: Principal, content: ReportContent): Promise<void> {
    if (p.issuerWide) return;
    const visible = new Set(await this.visibleUnitCodes(p));
    if (content.byUnit.every((u) => visible.has(u.unit.code))) return;
    throw new AppError(
      403,
      'report_out_of_scope',
      'Báo cáo có số liệu của đơn vị ngoài phạm vi của bạn.',
      'The report covers units outside your scope.',
    );
  }

  private async visibleUnitCodes(p: Principal): Promise<string[]> {
    const units = await this.units.listByIssuer(this.db, p.issuerCode);
    return units.filter((u) => canSeeUnit(p, u.id)).map((u) => u.code);
  }
}
