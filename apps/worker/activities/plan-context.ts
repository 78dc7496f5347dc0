// Reading a published plan version for the activities: the IR (cached: a 10,000-assignment IR is tens of MB)
// and what each assignment workflow is given.
import type { IrAssignment, PlanIR } from '../../../dsl/ir/schema.js';
import type { Db } from '../../database/pool.js';
import type { PlannedAssignment } from '../../database/repositories/assignment.repository.js';
import type { PlanRepository } from '../../database/repositories/plan.repository.js';
import {
  recipientKey,
  type AmendRequest,
  type AssignmentInput,
  type DigestInput,
} from '../../../workflows/contracts.js';

export class PlanContext {
  private readonly tasks: Map<string, PlanIR['tasks'][number]>;
  private readonly units: Map<string, PlanIR['units'][number]>;
  private readonly policies: Map<string, PlanIR['policies'][number]>;
  private readonly digests: Map<string, PlanIR['digests'][number]>;
  readonly byId: Map<string, IrAssignment>;

  constructor(
    readonly ir: PlanIR,
    readonly planId: string,
    readonly version: number,
  ) {
    this.tasks = new Map(ir.tasks.map((t) => [t.id, t]));
    this.units = new Map(ir.units.map((u) => [u.code, u]));
    this.policies = new Map(ir.policies.map((p) => [p.id, p]));
    this.digests = new Map(ir.digests.map((d) => [recipientKey(d.recipient), d]));
    this.byId = new Map(ir.assignments.map((a) => [a.id, a]));
  }

  get planCode(): string {
    return this.ir.plan.code;
  }

  /** What may change in a running assignment when the plan is amended. */
  amendable(a: IrAssignment): Omit<AmendRequest, 'by' | 'requestId' | 'planVersion'> {
    const task = this.tasks.get(a.taskId);
    const policy = a.policy ? this.policies.get(a.policy) : undefined;
    return {
      // Only when the task has coordinators, so that amending a plan without any sends what it always sent.
      ...(a.coordinators.length ? { coordinators: this.coordination(a).coordinators! } : {}),
      task: {
        id: a.taskId,
        title: task?.title ?? a.taskId,
        area: task?.area ?? '',
        ...(task?.output ? { output: task.output } : {}),
        ...(task?.criterion ? { criterion: task.criterion } : {}),
      },
      schedule: {
        dueDate: a.dueDate,
        dueAt: a.dueAt,
        ...(a.acknowledgeBy ? { acknowledgeBy: a.acknowledgeBy } : {}),
        reminders: a.reminders,
        escalations: a.escalations,
        checkIns: a.checkIns,
      },
      rules: {
        reminders: policy?.reminders ?? [],
        escalation: (policy?.escalation ?? []).map((e) => ({ level: e.level, after: e.after })),
      },
      digestRecipients: [
        ...new Set(
          a.escalations.flatMap((e) => e.recipients.map(recipientKey)).filter((k) => this.digests.has(k)),
        ),
      ].sort(),
    };
  }

  input(a: IrAssignment): AssignmentInput {
    const unit = this.units.get(a.unit);
    const issuer = this.units.get(this.ir.plan.issuer.code);
    return {
      assignmentId: a.id,
      planCode: this.planCode,
      planId: this.planId,
      planVersion: this.version,
      issuer: {
        code: this.ir.plan.issuer.code,
        name: this.ir.plan.issuer.name,
        ...(issuer?.email ? { email: issuer.email } : {}),
      },
      unit: { code: a.unit, name: unit?.name ?? a.unit, ...(unit?.email ? { email: unit.email } : {}) },
      occurrence: a.occurrence,
      kind: a.kind,
      startsAt: a.startsAt,
      calendar: this.ir.calendar,
      ...this.amendable(a),
      ...(this.ir.plan.coordinatorsMustReport && a.coordinators.length
        ? { coordinatorsMustReport: true }
        : {}),
    };
  }

  /** The task's coordinating units (names and mailboxes from the plan) and whether the lead waits for them. */
  coordination(a: IrAssignment): Pick<AssignmentInput, 'coordinators' | 'coordinatorsMustReport'> {
    if (a.coordinators.length === 0) return {};
    return {
      coordinators: a.coordinators.map((code) => {
        const u = this.units.get(code);
        return { code, name: u?.name ?? code, ...(u?.email ? { email: u.email } : {}) };
      }),
      ...(this.ir.plan.coordinatorsMustReport ? { coordinatorsMustReport: true } : {}),
    };
  }

  planned(a: IrAssignment): PlannedAssignment {
    const task = this.tasks.get(a.taskId);
    return {
      id: a.id,
      taskId: a.taskId,
      occurrence: a.occurrence,
      unitCode: a.unit,
      title: task?.title ?? a.taskId,
      area: task?.area ?? '',
      kind: a.kind,
      startsAt: a.startsAt,
      dueDate: a.dueDate,
      dueAt: a.dueAt,
    };
  }

  digestInput(key: string): DigestInput | undefined {
    const d = this.digests.get(key);
    if (!d) return undefined;
    return { planCode: this.planCode, recipient: d.recipient, occurrences: d.occurrences };
  }
}

/** Keeps the last few plan versions read, so a fan-out of 20 batches parses the IR once. */
export class PlanContextCache {
  private readonly entries = new Map<string, Promise<PlanContext>>();

  constructor(
    private readonly db: Db,
    private readonly plans: PlanRepository,
    private readonly capacity = 4,
  ) {}

  get(planId: string, version: number): Promise<PlanContext> {
    const key = `${planId}@${version}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.plans
        .getIr(this.db, planId, version)
        .then((ir) => new PlanContext(ir as PlanIR, planId, version));
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
      while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    } else {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }
}
