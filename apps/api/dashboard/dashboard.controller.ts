import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { type Describes, instant, localDate, planCode } from '../common/schemas.js';
import { DashboardService } from './dashboard.service.js';

const DashboardQuery = z.object({ plan: planCode }).strict();

/** A percentage with one decimal, or null when nothing has fallen due (apps/reports/report-model.ts). */
const rate = z.number().min(0).max(100).nullable();
const count = z.int().min(0);
/** The status classes of report 1270 (StatusCounts). */
const counts = {
  doneOnTime: count,
  doneLate: count,
  openInTime: count,
  openOverdue: count,
  notYetDue: count,
  total: count,
  completionRate: rate,
};
const named = z.object({ code: z.string(), name: z.string() });
const unit = z.object({ code: z.string(), name: z.string(), kind: z.string() });
const area = z.object({ id: z.string(), title: z.string() });
const Figures = z.object({
  plan: z.object({ code: z.string(), title: z.string(), year: z.int() }),
  asOf: instant,
  onTimeThreshold: z.number().min(0).max(100),
  totals: z.object({
    ...counts,
    previousCompletionRate: rate,
    change: z.number().nullable(),
    ongoing: count,
  }),
  byUnit: z.array(
    z.object({
      ...counts,
      unit,
      previousCompletionRate: rate,
      change: z.number().nullable(),
      ytdOnTimeRate: rate,
      belowThreshold: z.boolean(),
    }),
  ),
  byArea: z.array(z.object({ ...counts, area })),
  overdue: z.array(
    z.object({
      assignmentId: z.string(),
      task: z.object({ id: z.string(), title: z.string() }),
      area,
      occurrence: z.string(),
      unit: named,
      leadUnit: named,
      dueDate: localDate,
      dueAt: instant.nullable(),
      dueTime: z
        .string()
        .regex(/^[0-9]{2}:[0-9]{2}$/)
        .optional(),
      daysOverdue: z.int(),
      escalationLevel: count,
      coordinators: z
        .array(z.object({ code: z.string(), name: z.string(), reported: z.boolean() }))
        .optional(),
    }),
  ),
  belowThreshold: z.array(unit),
  trend: z.array(
    z.object({
      month: z.string().regex(/^[0-9]{4}-[0-9]{2}$/),
      asOf: instant,
      completionRate: rate,
      done: count,
      openOverdue: count,
    }),
  ),
  heatmap: z.array(z.object({ unit: z.string(), month: z.string(), overdue: count })),
});
void (true satisfies Describes<typeof Figures, Awaited<ReturnType<DashboardService['figures']>>>);

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(DashboardService) private readonly dashboard: DashboardService) {}

  /** Figures of the units the caller may see: now, and month by month through the plan year. */
  @Declare({
    operationId: 'dashboard',
    summary: 'Số liệu các đơn vị tôi phụ trách / Figures of the units under me',
    query: DashboardQuery,
    responses: { 200: Figures },
    errors: [404],
  })
  @Get()
  figures(@CurrentUser() p: Principal, @Query() q: z.output<typeof DashboardQuery>) {
    return this.dashboard.figures(p, q.plan);
  }
}
