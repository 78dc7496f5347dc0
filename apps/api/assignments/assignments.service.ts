import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '../../shared/db/pool.js';
import { AssignmentRepository } from '../../shared/repositories/assignment.repository.js';
import { EventRepository } from '../../shared/repositories/event.repository.js';
import { AppError } from '../common/problem.filter.js';
import { DB } from '../tokens.js';

@Injectable()
export class AssignmentsService {
  private readonly assignments = new AssignmentRepository();
  private readonly events = new EventRepository();

  constructor(@Inject(DB) private readonly db: Db) {}

  list(filter: { unitCode?: string; status?: string; limit: number }) {
    return this.assignments.list(this.db, filter);
  }

  async get(id: string) {
    const assignment = await this.assignments.findById(this.db, id);
    if (!assignment) {
      throw new AppError(404, 'assignment_not_found', `Không có nhiệm vụ "${id}"`, `No assignment "${id}"`);
    }
    const events = await this.events.listByAssignment(this.db, id);
    return { ...assignment, events };
  }
}
