import type {
  AssignmentRepository,
  AssignmentRow,
} from '../../database/repositories/assignment.repository.js';
import type { Queryable } from '../../database/repositories/queryable.js';
import { canSeeUnit, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';

/**
 * The assignment if the caller may see it, else 404 — the same answer as for one that does not exist, exactly as
 * the assignment page answers (its files and comments are read with the same rule).
 */
export async function visibleAssignment(
  assignments: AssignmentRepository,
  db: Queryable,
  p: Principal,
  id: string,
): Promise<AssignmentRow> {
  const a = await assignments.findById(db, id);
  if (!a || a.issuerId !== p.issuerCode || !canSeeUnit(p, a.unitId))
    throw new AppError(404, 'assignment_not_found', `Không có nhiệm vụ "${id}".`, `No assignment "${id}".`);
  return a;
}
