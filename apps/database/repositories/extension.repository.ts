import type { Queryable } from './queryable.js';

export interface ExtensionRequestRow {
  id: string;
  assignmentId: string;
  requestedBy: string;
  requestedAt: Date;
  currentDueAt: Date | null;
  newDueDate: string;
  reason: string;
  status: 'pending' | 'approved' | 'refused' | 'withdrawn';
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export interface PendingExtension extends Pick<
  ExtensionRequestRow,
  'id' | 'assignmentId' | 'requestedBy' | 'requestedAt' | 'currentDueAt' | 'newDueDate' | 'reason' | 'status'
> {
  taskId: string;
  title: string;
  unitCode: string;
  unitName: string;
  planCode: string;
}

const SELECT = `SELECT x.id, x.assignment_id AS "assignmentId", x.requested_by AS "requestedBy",
  x.requested_at AS "requestedAt", x.current_due_at AS "currentDueAt", to_char(x.new_due_date, 'YYYY-MM-DD') AS "newDueDate",
  x.reason, x.status, x.decided_by AS "decidedBy", x.decided_at AS "decidedAt", x.decision_note AS "decisionNote"
  FROM extension_requests x`;

/** Extension requests as the assignment workflows recorded them. */
export class ExtensionRepository {
  async recordRequest(
    db: Queryable,
    r: {
      id: string;
      assignmentId: string;
      by: string;
      at: string;
      currentDueAt?: string;
      newDueDate: string;
      reason: string;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO extension_requests (id, assignment_id, requested_by, requested_at, current_due_at, new_due_date, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [r.id, r.assignmentId, r.by, r.at, r.currentDueAt ?? null, r.newDueDate, r.reason],
    );
  }

  /** Closes the assignment's pending request with the decision (the workflow allows one pending at a time). */
  async recordDecision(
    db: Queryable,
    d: {
      assignmentId: string;
      status: 'approved' | 'refused' | 'withdrawn';
      by: string;
      at: string;
      note?: string;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE extension_requests SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5
       WHERE assignment_id = $1 AND status = 'pending'`,
      [d.assignmentId, d.status, d.by, d.at, d.note ?? null],
    );
  }

  async listPending(
    db: Queryable,
    filter: { issuerCode?: string; planId?: string },
  ): Promise<PendingExtension[]> {
    const { rows } = await db.query<PendingExtension>(
      `SELECT x.id, x.assignment_id AS "assignmentId", x.requested_by AS "requestedBy",
              x.requested_at AS "requestedAt", x.current_due_at AS "currentDueAt",
              to_char(x.new_due_date, 'YYYY-MM-DD') AS "newDueDate", x.reason, x.status,
              a.task_id AS "taskId", a.title, u.code AS "unitCode", u.name AS "unitName", p.code AS "planCode"
       FROM extension_requests x JOIN assignments a ON a.id = x.assignment_id JOIN units u ON u.id = a.unit_id
       JOIN plans p ON p.id = a.plan_id
       WHERE x.status = 'pending' AND ($1::text IS NULL OR p.issuer_id = $1) AND ($2::uuid IS NULL OR a.plan_id = $2)
       ORDER BY x.requested_at`,
      [filter.issuerCode ?? null, filter.planId ?? null],
    );
    return rows;
  }

  async listByAssignment(db: Queryable, assignmentId: string): Promise<ExtensionRequestRow[]> {
    const { rows } = await db.query<ExtensionRequestRow>(
      `${SELECT} WHERE x.assignment_id = $1 ORDER BY x.requested_at`,
      [assignmentId],
    );
    return rows;
  }
}
