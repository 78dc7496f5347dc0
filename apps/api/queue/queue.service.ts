import { Inject, Injectable } from '@nestjs/common';
import {
  type Client,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { formatDeadline } from '../../presentation/index.js';
import { AREAS } from '../../reports/build-report.js';
import type { Db } from '../../database/pool.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { OutboxRepository } from '../../database/repositories/outbox.repository.js';
import {
  QueueRepository,
  SavedFilterRepository,
  type QueueFilter,
  type QueueRow,
} from '../../database/repositories/queue.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import {
  assignmentWorkflowId,
  cancelUpdate,
  decideExtensionUpdate,
  requestExtensionUpdate,
  type ActionResult,
} from '../../../workflows/contracts.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { DB, TEMPORAL_CLIENT } from '../tokens.js';

/** The queue's filter as the address gives it (the scope comes from the caller). */
export type QueueQuery = Omit<QueueFilter, 'issuerId' | 'unitIds'>;

export type BulkAction =
  | { action: 'remind'; reason: string }
  | { action: 'cancel'; reason: string }
  | { action: 'extend'; reason: string; newDueDate: string };

export interface BulkItem {
  id: string;
  /** done: the engine took it (or it was taken before under the same key); refused: the engine said no. */
  outcome: 'done' | 'refused' | 'not_found' | 'busy';
  code?: string;
  status?: string;
}

/** The most rows one export writes; a wider view is narrowed first. */
export const EXPORT_MAX = 20_000;

const STATUS_VI: Record<string, string> = {
  assigned: 'Mới giao',
  acknowledged: 'Đã tiếp nhận',
  in_progress: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  cancelled: 'Đã hủy',
};
const AREA_VI = new Map(AREAS.map((a) => [a.id, a.title]));

/** The Home Affairs queue: the table, its export, saved views and bulk actions. */
@Injectable()
export class QueueService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(QueueRepository) private readonly queue: QueueRepository,
    @Inject(SavedFilterRepository) private readonly saved: SavedFilterRepository,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
  ) {}

  private filter(p: Principal, q: QueueQuery): QueueFilter {
    return { ...q, issuerId: p.issuerCode, unitIds: p.issuerWide ? null : [...p.visibleUnitIds] };
  }

  async page(p: Principal, q: QueueQuery & { limit: number; offset: number }) {
    const { limit, offset, ...f } = q;
    const page = await this.queue.page(this.db, this.filter(p, f), limit, offset);
    return { ...page, limit, offset };
  }

  /** The current view (every page of it) as CSV (UTF-8 with BOM, for Excel) or XLSX, Vietnamese headers. */
  async export(
    p: Principal,
    q: QueueQuery,
    format: 'csv' | 'xlsx',
  ): Promise<{ body: Buffer; type: string; name: string }> {
    const { rows, total } = await this.queue.page(this.db, this.filter(p, q), EXPORT_MAX, 0);
    if (total > EXPORT_MAX)
      throw new AppError(
        422,
        'export_too_large',
        `Danh sách có ${total} nhiệm vụ, quá ${EXPORT_MAX} dòng một lần xuất: hãy lọc bớt.`,
        `The view holds ${total} assignments, more than ${EXPORT_MAX} rows per export: narrow it first.`,
      );
    const header = [
      'Nhiệm vụ',
      'Số hiệu',
      'Kỳ',
      'Đơn vị chủ trì',
      'Chuyên viên',
      'Lĩnh vực',
      'Hạn',
      'Trạng thái',
      'Tiến độ (%)',
      'Quá hạn',
      'Leo thang (lần)',
    ];
    const line = (r: QueueRow) => [
      r.title,
      r.taskId,
      r.occurrence,
      r.unitName,
      r.officerName ?? '',
      (r.area && AREA_VI.get(r.area)) ?? '',
      r.dueAt ? formatDeadline(r.dueAt.toISOString()) : '',
      STATUS_VI[r.status] ?? r.status,
      r.progressPercent,
      r.overdue && r.status !== 'done' && r.status !== 'cancelled' ? 'Có' : '',
      r.escalationLevel,
    ];
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv')
      return {
        body: Buffer.from(`\uFEFF${stringify([header, ...rows.map(line)], { record_delimiter: '\r\n' })}`),
        type: 'text/csv; charset=utf-8',
        name: `nhiem-vu-${stamp}.csv`,
      };
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(header).font = { bold: true };
    for (const r of rows) sheet.addRow(line(r));
    sheet.columns.forEach((c, i) => (c.width = [60, 10, 10, 36, 24, 30, 14, 16, 10, 9, 10][i] ?? 12));
    return {
      body: Buffer.from(await book.xlsx.writeBuffer()),
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      name: `nhiem-vu-${stamp}.xlsx`,
    };
  }

  /** What the filters offer: the issuer's units (by name), the reform areas and the officers with work in scope. */
  async options(p: Principal) {
    const f = this.filter(p, { sort: 'due', desc: false });
    const [units, officers] = await Promise.all([
      this.units.listByIssuer(this.db, p.issuerCode),
      this.queue.officers(this.db, f.issuerId, f.unitIds),
    ]);
    return {
      units: units.map((u) => ({ code: u.code, name: u.name })),
      areas: AREAS.map((a) => ({ code: a.id, name: a.title })),
      officers,
    };
  }

  listSaved(p: Principal) {
    return this.saved.list(this.db, p.userId);
  }

  async save(p: Principal, name: string, query: Record<string, unknown>, requestId: string) {
    const row = await this.saved.save(this.db, p.userId, name, query);
    await this.audit.append(this.db, {
      actor: p.login,
      action: 'queue.filter_saved',
      target: `saved_filter:${row.id}`,
      requestId,
      details: { name },
    });
    return row;
  }

  async remove(p: Principal, id: string, requestId: string): Promise<void> {
    if (!(await this.saved.remove(this.db, p.userId, id)))
      throw new AppError(404, 'filter_not_found', 'Không có bộ lọc này.', 'No such saved filter.');
    await this.audit.append(this.db, {
      actor: p.login,
      action: 'queue.filter_deleted',
      target: `saved_filter:${id}`,
      requestId,
    });
  }

  /**
   * One action on many assignments. `confirmCount` must repeat how many were selected (the confirmation names
   * that number). Cancelling and extending go to each assignment's workflow as the single actions do, with an
   * update id made of the bulk key and the assignment, so sending the same request again changes nothing; a
   * reminder goes to the unit through the outbox under the same kind of key. Every item is audited.
   */
  async bulk(
    p: Principal,
    b: BulkAction & { ids: string[]; confirmCount: number },
    key: string,
    requestId: string,
  ): Promise<{ action: string; count: number; items: BulkItem[] }> {
    const ids = [...new Set(b.ids)];
    if (b.confirmCount !== ids.length)
      throw new AppError(
        409,
        'confirm_count',
        `Xác nhận số nhiệm vụ: đã chọn ${ids.length} nhiệm vụ.`,
        `Confirm the number of assignments: ${ids.length} are selected.`,
        { selected: ids.length },
      );
    const visible = new Map(
      (
        await this.queue.visibleIds(this.db, p.issuerCode, p.issuerWide ? null : [...p.visibleUnitIds], ids)
      ).map((a) => [a.id, a]),
    );
    const items: BulkItem[] = [];
    // A few at a time: the engine takes each update in its own workflow.
    for (let i = 0; i < ids.length; i += 8)
      items.push(
        ...(await Promise.all(
          ids
            .slice(i, i + 8)
            .map((id) =>
              visible.has(id)
                ? this.one(p, b, id, `${p.userId}:bulk:${key}:${id}`, requestId)
                : Promise.resolve<BulkItem>({ id, outcome: 'not_found' }),
            ),
        )),
      );
    await this.audit.append(this.db, {
      actor: p.login,
      action: `queue.bulk_${b.action}`,
      requestId,
      details: {
        idempotencyKey: key,
        reason: b.reason,
        ...(b.action === 'extend' ? { newDueDate: b.newDueDate } : {}),
        count: ids.length,
        done: items.filter((x) => x.outcome === 'done').length,
        refused: items
          .filter((x) => x.outcome !== 'done')
          .map((x) => ({ id: x.id, code: x.code ?? x.outcome })),
      },
    });
    return { action: b.action, count: ids.length, items };
  }

  private async one(
    p: Principal,
    b: BulkAction,
    id: string,
    updateId: string,
    requestId: string,
  ): Promise<BulkItem> {
    try {
      if (b.action === 'remind') {
        const status = await this.remind(p, id, b.reason, updateId);
        await this.audited(p, 'assignment.reminded', id, requestId, updateId, status);
        return { id, outcome: 'done', status };
      }
      const handle = this.temporal.workflow.getHandle(assignmentWorkflowId(id));
      const actor = { by: p.login, requestId: updateId };
      let result: ActionResult;
      if (b.action === 'cancel') {
        result = await handle.executeUpdate(cancelUpdate, {
          updateId,
          args: [{ ...actor, reason: b.reason }],
        });
        await this.audited(p, 'assignment.cancelled', id, requestId, updateId, result.status);
      } else {
        // Home Affairs extends in two recorded steps of the engine: the request (in its name, with the reason)
        // and its approval, each under its own update id.
        const ask = { ...actor, requestId: `${updateId}:request` };
        await handle.executeUpdate(requestExtensionUpdate, {
          updateId: ask.requestId,
          args: [{ ...ask, newDueDate: b.newDueDate, reason: b.reason }],
        });
        const decide = { ...actor, requestId: `${updateId}:decide` };
        result = await handle.executeUpdate(decideExtensionUpdate, {
          updateId: decide.requestId,
          args: [{ ...decide, approve: true, note: b.reason }],
        });
        await this.audited(p, 'assignment.extension_decided', id, requestId, updateId, result.status);
      }
      return { id, outcome: 'done', status: result.status };
    } catch (err) {
      return { id, ...failure(err) };
    }
  }

  /** "Nhắc ngay": a reminder mail to the unit now, with Home Affairs' reason; once per key. */
  private async remind(p: Principal, id: string, reason: string, key: string): Promise<string> {
    const rows = await this.queue.visibleIds(this.db, p.issuerCode, null, [id]);
    const a = rows[0]!;
    if (a.status === 'done' || a.status === 'cancelled')
      throw ApplicationFailure.nonRetryable(
        'Đã kết thúc',
        a.status === 'done' ? 'ASSIGNMENT_DONE' : 'ASSIGNMENT_CANCELLED',
      );
    const detail = await this.queue.reminderTarget(this.db, id);
    const unit = detail ? await this.units.findById(this.db, detail.unitId) : undefined;
    if (!detail || !unit) throw new Error(`assignment ${id} has no unit`);
    await this.outbox.enqueue(this.db, [
      {
        key: `remind/${key}`,
        kind: 'manual_reminder',
        recipient: `unit:${unit.code}`,
        recipientName: unit.name,
        ...(unit.email ? { recipientEmail: unit.email } : {}),
        assignmentId: id,
        dueAt: new Date().toISOString(),
        payload: {
          task: { id: detail.taskId, title: detail.title, area: detail.area },
          unit: { code: unit.code, name: unit.name },
          occurrence: detail.occurrence,
          dueAt: detail.dueAt?.toISOString() ?? null,
          reason,
          requestedBy: p.login,
        },
      },
    ]);
    return a.status;
  }

  private audited(p: Principal, action: string, id: string, requestId: string, key: string, status: string) {
    return this.audit.append(this.db, {
      actor: p.login,
      action,
      target: `assignment:${id}`,
      requestId,
      details: { idempotencyKey: key, status, bulk: true },
    });
  }
}

/** An engine refusal keeps its code (ASSIGNMENT_DONE, EXTENSION_PENDING, …); a busy engine may be asked again. */
function failure(err: unknown): Omit<BulkItem, 'id'> {
  if (err instanceof WorkflowNotFoundError) return { outcome: 'not_found' };
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
    return { outcome: 'refused', code: err.cause.type ?? 'REFUSED' };
  if (err instanceof ApplicationFailure) return { outcome: 'refused', code: err.type ?? 'REFUSED' };
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || err instanceof ServiceError)
    return { outcome: 'busy', code: 'ENGINE_BUSY' };
  throw err;
}
