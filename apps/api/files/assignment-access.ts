import type {
  AssignmentRepository,
  AssignmentRow,
} from '../../database/repositories/assignment.repository.js';
import type {
  CoordinationRepository,
  CoordinatorRow,
} from '../../database/repositories/coordination.repository.js';
import type { Queryable } from '../../database/repositories/queryable.js';
import { canSeeUnit, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';

export interface VisibleAssignment {
  assignment: AssignmentRow;
  coordinators: CoordinatorRow[];
}

/**
 * The assignment and its coordinators if the caller may see it — in the lead unit's scope or a coordinating
 * unit's — else 404, the same answer as for one that does not exist. The assignment page, its actions, its files
 * and its comments all ask this one question.
 */
export async function visibleAssignment(
  repos: { assignments: AssignmentRepository; coordination: CoordinationRepository },
  db: Queryable,
  p: Principal,
  id: string,
): Promise<VisibleAssignment> {
  const a = await repos.assignments.findById(db, id);
  const coordinators = a ? await repos.coordination.listByAssignment(db, id) : [];
  if (
    !a ||
    a.issuerId !== p.issuerCode ||
    !(canSeeUnit(p, a.unitId) || coordinators.some((c) => canSeeUnit(p, c.unitId)))
  )
    throw new AppError(404, 'assignment_not_found', `Không có nhiệm vụ "${id}".`, `No assignment "${id}".`);
  return { assignment: a, coordinators };
}
