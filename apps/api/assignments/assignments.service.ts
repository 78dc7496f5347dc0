import { Inject, Injectable } from '@nestjs/common';
import {
  type Client,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../dsl/ir/canonical.js';
import type { Db } from '../../database/pool.js';
import {
  AssignmentRepository,
  type AssignmentFilter,
  type AssignmentRow,
} from '../../database/repositories/assignment.repository.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { EventRepository } from '../../database/repositories/event.repository.js';
import { ExtensionRepository } from '../../database/repositories/extension.repository.js';
import { OutboxRepository } from '../../database/repositories/outbox.repository.js';
import { UserRepository } from '../../database/repositories/user.repository.js';
import {
  acknowledgeUpdate,
  assignmentWorkflowId,
  cancelUpdate,
  completeUpdate,
  decideExtensionUpdate,
  reopenUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  type ActionResult,
} from '../../../workflows/contracts.js';
import { canSeeUnit, hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { DB, TEMPORAL_CLIENT } from '../tokens.js';
import { actorNames } from './actor-names.js';

/** Refusals about the request's content (422); the others are about the assignment's state (409). */
const INPUT_CODES = new Set([
  'INVALID_PERCENT',
  'EVIDENCE_REQUIRED',
  'INVALID_DATE',
  'DATE_IN_PAST',
  'DATE_NOT_LATER',
  'DATE_OUTSIDE_CALENDAR',
  'REASON_REQUIRED',
  'DECISION_REQUIRED',
  'ACTOR_REQUIRED',
  'REQUEST_ID_REQUIRED',
  'INVALID_TEXT',
  'IDEMPOTENCY_KEY_REUSED',
]);

export type Action =
  | { kind: 'acknowledge'; note?: string }
  | { kind: 'progress'; percent: number; note?: string }
  | {
      kind: 'complete';
      evidence: { documentNumber?: string; documentDate?: string; link?: string; note?: string };
    }
  | { kind: 'requestExtension'; newDueDate: string; reason: string }
  | { kind: 'decideExtension'; approve: boolean; note?: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'cancel'; reason: string };

/** Who may do what: units act on their own work; Home Affairs decides, reopens and cancels. */
const HOME_AFFAIRS_ACTIONS = new Set<Action['kind']>(['decideExtension', 'reopen', 'cancel']);

/** The audit log's name of each action. */
const AUDIT_ACTIONS: Record<Action['kind'], string> = {
  acknowledge: 'assignment.acknowledged',
  progress: 'assignment.progress_reported',
  complete: 'assignment.completed',
  requestExtension: 'assignment.extension_requested',
  decideExtension: 'assignment.extension_decided',
  reopen: 'assignment.reopened',
  cancel: 'assignment.cancelled',
};

/** The repository's filter without the scope, which comes from the caller's roles. */
export type AssignmentListQuery = Omit<AssignmentFilter, 'issuerId' | 'unitIds'>;

@Injectable()
export class AssignmentsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(AssignmentRepository) private readonly assignments: AssignmentRepository,
    @Inject(EventRepository) private readonly events: EventRepository,
    @Inject(ExtensionRepository) private readonly extensions: ExtensionRepository,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
  ) {}

  list(p: Principal, q: AssignmentListQuery) {
    return this.assignments.listVisible(this.db, {
      ...q,
      issuerId: p.issuerCode,
      unitIds: p.issuerWide ? null : [...p.visibleUnitIds],
    });
  }

  async get(p: Principal, id: string) {
    const assignment = await this.visible(p, id);
    const [events, extensions, notifications] = await Promise.all([
      this.events.listByAssignment(this.db, id),
      this.extensions.listByAssignment(this.db, id),
      this.outbox.listByAssignment(this.db, id),
    ]);
    const nameOf = await actorNames(this.users, this.db, p.issuerCode, [
      ...events.map((e) => e.actor),
      ...extensions.flatMap((x) => [x.requestedBy, x.decidedBy]),
    ]);
    return {
      ...assignment,
      // Actors as people read them (name and unit; the engine itself has none), beside the recorded login.
      events: events.map(({ payload, ...e }) => ({
        ...e,
        by: nameOf(e.actor),
        payload: withoutState(payload),
      })),
      extensions: extensions.map((x) => ({
        ...x,
        requestedByName: nameOf(x.requestedBy).name,
        decidedByName: x.decidedBy ? nameOf(x.decidedBy).name : null,
      })),
      notifications: notifications.map((n) => ({
        kind: n.kind,
        // The recipient's name; never the engine's key ("unit:…", "person:…").
        recipient: n.recipientName ?? null,
        dueAt: n.dueAt,
        sentAt: n.sentAt,
      })),
    };
  }

  /**
   * Sends a human action to the assignment's workflow and answers with its real outcome; an accepted action is
   * also in the audit log (with the HTTP request's id), next to the engine's own event.
   */
  async act(
    p: Principal,
    id: string,
    action: Action,
    key: string,
    requestId: string,
  ): Promise<ActionResult & { assignmentId: string }> {
    const a = await this.visible(p, id);
    const homeAffairs = p.issuerWide && hasRole(p, 'admin', 'home_affairs');
    const allowed = HOME_AFFAIRS_ACTIONS.has(action.kind)
      ? homeAffairs
      : p.memberUnitIds.has(a.unitId) || hasRole(p, 'admin');
    if (!allowed)
      throw new AppError(
        403,
        'forbidden',
        'Bạn không có quyền thực hiện thao tác này với nhiệm vụ này.',
        'You may not do this on this assignment.',
      );
    // Keys are per user, so two people can never collide on an idempotency key.
    const actor = { by: p.login, requestId: `${p.userId}:${key}` };
    const handle = this.temporal.workflow.getHandle(assignmentWorkflowId(id));
    // Under load an update call can time out or be turned away while the update itself goes on (1,000
    // acknowledgements at once: test/reliability/api-load). The request id is the update's id, so asking again
    // joins the same update (or finds its outcome) and never applies the action twice.
    let result: ActionResult;
    const deadline = Date.now() + TRANSIENT_RETRY_MS;
    for (let wait = 250; ; wait = Math.min(2 * wait, 5_000)) {
      try {
        result = await this.run(handle, action, actor);
        break;
      } catch (err) {
        if (!transient(err)) throw refusal(err);
        if (Date.now() + wait > deadline)
          throw new AppError(
            503,
            'ENGINE_BUSY',
            'Hệ thống đang bận, vui lòng gửi lại yêu cầu (cùng Idempotency-Key).',
            'The engine is busy: send the request again (with the same Idempotency-Key).',
          );
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    await this.audit.append(this.db, {
      actor: p.login,
      action: AUDIT_ACTIONS[action.kind],
      target: `assignment:${id}`,
      requestId,
      details: { idempotencyKey: key, status: result.status },
    });
    return { assignmentId: id, ...result };
  }

  private run(
    handle: ReturnType<Client['workflow']['getHandle']>,
    action: Action,
    actor: { by: string; requestId: string },
  ): Promise<ActionResult> {
    // The update's id names the key *and* what is asked: the same request again joins the first update (or finds
    // its outcome), while the key reused for another action or body reaches the workflow's validator, which
    // refuses it (IDEMPOTENCY_KEY_REUSED, 422) instead of Temporal answering the first update's outcome.
    const updateId = `${actor.requestId}#${createHash('sha256').update(canonicalJson(action)).digest('base64url').slice(0, 22)}`;
    switch (action.kind) {
      case 'acknowledge':
        return handle.executeUpdate(acknowledgeUpdate, {
          updateId,
          args: [{ ...actor, ...pick(action, 'note') }],
        });
      case 'progress':
        return handle.executeUpdate(reportProgressUpdate, {
          updateId,
          args: [{ ...actor, percent: action.percent, ...pick(action, 'note') }],
        });
      case 'complete':
        return handle.executeUpdate(completeUpdate, {
          updateId,
          args: [{ ...actor, evidence: action.evidence }],
        });
      case 'requestExtension':
        return handle.executeUpdate(requestExtensionUpdate, {
          updateId,
          args: [{ ...actor, newDueDate: action.newDueDate, reason: action.reason }],
        });
      case 'decideExtension':
        return handle.executeUpdate(decideExtensionUpdate, {
          updateId,
          args: [{ ...actor, approve: action.approve, ...pick(action, 'note') }],
        });
      case 'reopen':
        return handle.executeUpdate(reopenUpdate, { updateId, args: [{ ...actor, reason: action.reason }] });
      case 'cancel':
        return handle.executeUpdate(cancelUpdate, { updateId, args: [{ ...actor, reason: action.reason }] });
    }
  }

  /** The assignment if the caller may see it; otherwise 404, the same answer as for one that does not exist. */
  private async visible(p: Principal, id: string): Promise<AssignmentRow> {
    const a = await this.assignments.findById(this.db, id);
    if (!a || a.issuerId !== p.issuerCode || !canSeeUnit(p, a.unitId))
      throw new AppError(404, 'assignment_not_found', `Không có nhiệm vụ "${id}".`, `No assignment "${id}".`);
    return a;
  }
}

function pick<T extends object, K extends keyof T>(o: T, k: K): Partial<Pick<T, K>> {
  return o[k] === undefined ? {} : ({ [k]: o[k] } as Pick<T, K>);
}

function withoutState(payload: Record<string, unknown>): Record<string, unknown> {
  const { state: _state, ...rest } = payload;
  return rest;
}

/** How long an action keeps asking Temporal through timeouts and overload before answering 503. */
const TRANSIENT_RETRY_MS = 120_000;

/** A failure of the call, not of the action: the same update may be asked for again. */
function transient(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (err instanceof ServiceError) {
    const code = (err.cause as { code?: number } | undefined)?.code;
    // gRPC DEADLINE_EXCEEDED (4), RESOURCE_EXHAUSTED (8), UNAVAILABLE (14)
    return code === 4 || code === 8 || code === 14;
  }
  return false;
}

/** The engine's refusal as a problem: its stable code and its reason in both languages. */
export function refusal(err: unknown): unknown {
  if (err instanceof WorkflowNotFoundError)
    return new AppError(
      409,
      'ASSIGNMENT_NOT_RUNNING',
      'Nhiệm vụ không còn được theo dõi (kế hoạch đã kết thúc).',
      'The assignment is no longer tracked (its plan has ended).',
    );
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const f = err.cause;
    const d = (f.details?.[0] ?? {}) as { code?: string; vi?: string; en?: string };
    const code = f.type ?? d.code ?? 'REFUSED';
    return new AppError(INPUT_CODES.has(code) ? 422 : 409, code, d.vi ?? f.message, d.en ?? f.message);
  }
  return err;
}
