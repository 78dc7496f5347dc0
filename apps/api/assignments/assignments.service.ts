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
import { AssignmentDetailRepository } from '../../database/repositories/assignment-detail.repository.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import {
  CoordinationRepository,
  type CoordinatorRow,
} from '../../database/repositories/coordination.repository.js';
import { PeopleRepository } from '../../database/repositories/people.repository.js';
import { EventRepository } from '../../database/repositories/event.repository.js';
import { ExtensionRepository } from '../../database/repositories/extension.repository.js';
import { OutboxRepository } from '../../database/repositories/outbox.repository.js';
import { UserRepository } from '../../database/repositories/user.repository.js';
import {
  acknowledgeCoordinationUpdate,
  acknowledgeUpdate,
  assignmentWorkflowId,
  assignOfficerUpdate,
  cancelUpdate,
  completeUpdate,
  decideExtensionUpdate,
  reopenUpdate,
  reportContributionUpdate,
  reportProgressUpdate,
  requestExtensionUpdate,
  type ActionResult,
} from '../../../workflows/contracts.js';
import { hasRole, type Principal } from '../auth/principal.js';
import { visibleAssignment } from '../files/assignment-access.js';
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
  'NOTE_REQUIRED',
  'OFFICER_REQUIRED',
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
  | { kind: 'cancel'; reason: string }
  | CoordinationAction
  | { kind: 'assignOfficer'; login: string; note?: string };

/** What a coordinating unit does; `unit` picks the coordinator when the caller acts for several. */
export type CoordinationAction =
  | { kind: 'acknowledgeCoordination'; unit?: string; note?: string }
  | {
      kind: 'reportContribution';
      unit?: string;
      note: string;
      evidence?: { documentNumber?: string; documentDate?: string; link?: string };
    };

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
  acknowledgeCoordination: 'assignment.coordination_acknowledged',
  reportContribution: 'assignment.contribution_reported',
  assignOfficer: 'assignment.officer_assigned',
};

/** How the caller stands to an assignment: the lead unit, one of its officers, a coordinating unit, an onlooker. */
export interface YourPart {
  lead: boolean;
  officer: boolean;
  /** The coordinating units the caller acts for on this assignment. */
  coordinatorFor: string[];
  /** May give the work to an officer of the lead unit (its head or clerk). */
  mayAssignOfficer: boolean;
}

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
    @Inject(CoordinationRepository) private readonly coordination: CoordinationRepository,
    @Inject(PeopleRepository) private readonly people: PeopleRepository,
    @Inject(AssignmentDetailRepository) private readonly details: AssignmentDetailRepository,
  ) {}

  /** The inbox: the units' own work, the tasks they coordinate (marked), or the caller's own ("Việc của tôi"). */
  list(p: Principal, q: AssignmentListQuery & { mine?: boolean }) {
    const { mine, ...filter } = q;
    return this.assignments.listVisible(this.db, {
      ...filter,
      issuerId: p.issuerCode,
      unitIds: p.issuerWide ? null : [...p.visibleUnitIds],
      withCoordinated: !p.issuerWide,
      // Home Affairs sees every task; those it coordinates as a unit (Sở Nội vụ) are marked too.
      ...(p.issuerWide ? { markUnitIds: p.memberUnitIds.size ? [...p.memberUnitIds] : null } : {}),
      ...(mine ? { officerLogin: p.login } : {}),
    });
  }

  async get(p: Principal, id: string) {
    const { assignment, coordinators } = await visibleAssignment(
      { assignments: this.assignments, coordination: this.coordination },
      this.db,
      p,
      id,
    );
    const [events, extensions, notifications, contributions, plan] = await Promise.all([
      this.events.listByAssignment(this.db, id),
      this.extensions.listByAssignment(this.db, id),
      this.outbox.listByAssignment(this.db, id),
      this.coordination.contributions(this.db, id),
      this.details.planWording(this.db, id),
    ]);
    const nameOf = await actorNames(this.users, this.db, p.issuerCode, [
      ...events.map((e) => e.actor),
      ...extensions.flatMap((x) => [x.requestedBy, x.decidedBy]),
      ...contributions.map((c) => c.actor),
    ]);
    return {
      ...assignment,
      // What the plan says: the basis document, the expected output, the criterion, the coordination policy.
      plan: plan ?? null,
      coordinators: coordinators.map(({ unitId: _unitId, ...c }) => c),
      contributions: contributions.map(({ actor, ...c }) => ({ ...c, by: nameOf(actor) })),
      yourPart: yourPart(p, assignment, coordinators),
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
    const { assignment: a, coordinators } = await visibleAssignment(
      { assignments: this.assignments, coordination: this.coordination },
      this.db,
      p,
      id,
    );
    const homeAffairs = p.issuerWide && hasRole(p, 'admin', 'home_affairs');
    const part = yourPart(p, a, coordinators);
    const allowed = HOME_AFFAIRS_ACTIONS.has(action.kind)
      ? homeAffairs
      : action.kind === 'acknowledgeCoordination' || action.kind === 'reportContribution'
        ? part.coordinatorFor.length > 0
        : action.kind === 'assignOfficer'
          ? part.mayAssignOfficer
          : part.lead || part.officer || hasRole(p, 'admin');
    if (!allowed)
      throw new AppError(
        403,
        'forbidden',
        'Bạn không có quyền thực hiện thao tác này với nhiệm vụ này.',
        'You may not do this on this assignment.',
      );
    // Keys are per user, so two people can never collide on an idempotency key.
    const actor = { by: p.login, requestId: `${p.userId}:${key}` };
    const resolved = await this.resolve(a, action, part);
    const handle = this.temporal.workflow.getHandle(assignmentWorkflowId(id));
    // Under load an update call can time out or be turned away while the update itself goes on (1,000
    // acknowledgements at once: test/reliability/api-load). The request id is the update's id, so asking again
    // joins the same update (or finds its outcome) and never applies the action twice.
    let result: ActionResult;
    const deadline = Date.now() + TRANSIENT_RETRY_MS;
    for (let wait = 250; ; wait = Math.min(2 * wait, 5_000)) {
      try {
        result = await this.run(handle, resolved, actor);
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

  /**
   * What the workflow needs beyond the request: the coordinating unit acted for (the one named, or the caller's
   * only one), the officer as the unit knows them (an active person of the lead unit).
   */
  private async resolve(a: AssignmentRow, action: Action, part: YourPart): Promise<Resolved> {
    if (action.kind === 'acknowledgeCoordination' || action.kind === 'reportContribution') {
      const unit = action.unit ?? (part.coordinatorFor.length === 1 ? part.coordinatorFor[0] : undefined);
      if (!unit || !part.coordinatorFor.includes(unit))
        throw new AppError(
          422,
          'COORDINATOR_UNIT_REQUIRED',
          'Cần chọn đơn vị phối hợp mà bạn thay mặt.',
          'Name the coordinating unit you act for (unit).',
        );
      return { ...action, unit };
    }
    if (action.kind === 'assignOfficer') {
      const person = await this.people.findInUnit(this.db, a.unitId, action.login, [
        'officer',
        'unit_member',
        'unit_head',
      ]);
      if (!person)
        throw new AppError(
          422,
          'OFFICER_NOT_IN_UNIT',
          'Người được giao không phải cán bộ đang làm việc của đơn vị chủ trì.',
          'The officer is not an active person of the lead unit.',
        );
      return {
        kind: 'assignOfficer',
        officer: {
          login: person.login,
          name: person.displayName,
          ...(person.email ? { email: person.email } : {}),
        },
        ...(action.note ? { note: action.note } : {}),
      };
    }
    return action;
  }

  private run(
    handle: ReturnType<Client['workflow']['getHandle']>,
    action: Resolved,
    actor: { by: string; requestId: string },
  ): Promise<ActionResult> {
    // The update's id names the key *and* what is asked: the same request again joins the first update (or finds
    // its outcome), while the key reused for another action or body reaches the workflow's validator, which
    // refuses it (IDEMPOTENCY_KEY_REUSED, 422) instead of Temporal answering the first update's outcome.
    const updateId = `${actor.requestId}#${createHash('sha256').update(canonicalJson(action)).digest('base64url').slice(0, 22)}`;
    switch (action.kind) {
      case 'acknowledgeCoordination':
        return handle.executeUpdate(acknowledgeCoordinationUpdate, {
          updateId,
          args: [{ ...actor, unitCode: action.unit!, ...pick(action, 'note') }],
        });
      case 'reportContribution':
        return handle.executeUpdate(reportContributionUpdate, {
          updateId,
          args: [{ ...actor, unitCode: action.unit!, note: action.note, ...pick(action, 'evidence') }],
        });
      case 'assignOfficer':
        return handle.executeUpdate(assignOfficerUpdate, {
          updateId,
          args: [{ ...actor, officer: action.officer, ...pick(action, 'note') }],
        });
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
}

/** An action as the workflow takes it: the coordinator unit named, the officer looked up. */
type Resolved =
  | Exclude<Action, { kind: 'assignOfficer' }>
  | { kind: 'assignOfficer'; officer: { login: string; name: string; email?: string }; note?: string };

function yourPart(p: Principal, a: AssignmentRow, coordinators: readonly CoordinatorRow[]): YourPart {
  const admin = hasRole(p, 'admin');
  return {
    lead: p.memberUnitIds.has(a.unitId),
    officer: a.officerLogin === p.login && p.officerUnitIds.has(a.unitId),
    coordinatorFor: coordinators.filter((c) => p.memberUnitIds.has(c.unitId) || admin).map((c) => c.unitCode),
    mayAssignOfficer: p.memberUnitIds.has(a.unitId) || admin,
  };
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
