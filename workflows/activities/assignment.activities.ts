import type { Db } from '../../apps/shared/db/pool.js';
import { withTransaction } from '../../apps/shared/db/pool.js';
import { AssignmentRepository } from '../../apps/shared/repositories/assignment.repository.js';
import { EventRepository } from '../../apps/shared/repositories/event.repository.js';
import { UnitRepository } from '../../apps/shared/repositories/unit.repository.js';
import type { AssignmentEventRecord } from '../contracts.js';

export interface AssignmentActivities {
  recordAssignmentEvent(event: AssignmentEventRecord): Promise<{ recorded: boolean }>;
}

/** Activities write the event log and the projection in one transaction, idempotent by event id. */
export function createAssignmentActivities(db: Db): AssignmentActivities {
  const units = new UnitRepository();
  const assignments = new AssignmentRepository();
  const events = new EventRepository();
  return {
    async recordAssignmentEvent(event) {
      return withTransaction(db, async (tx) => {
        const a = event.assignment;
        const unit = await units.findByCode(tx, a.issuerId, a.unitCode);
        if (!unit) throw new Error(`unknown unit ${a.issuerId}/${a.unitCode}`);
        await assignments.ensure(tx, { ...a, unitId: unit.id });
        const recorded = await events.append(tx, {
          id: event.eventId,
          assignmentId: a.assignmentId,
          type: event.type,
          occurredAt: event.occurredAt,
          payload: event.payload ?? {},
        });
        if (recorded) await assignments.touch(tx, a.assignmentId, event.occurredAt);
        return { recorded };
      });
    },
  };
}
