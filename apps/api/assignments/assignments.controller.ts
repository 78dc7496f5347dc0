import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe.js';
import { AssignmentsService } from './assignments.service.js';

const ListQuery = z.object({
  unit: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .optional(),
  status: z.enum(['assigned', 'acknowledged', 'in_progress', 'done', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AssignmentId = z.string().min(1).max(300);

@Controller('assignments')
export class AssignmentsController {
  constructor(@Inject(AssignmentsService) private readonly assignments: AssignmentsService) {}

  @Get()
  list(@Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>) {
    return this.assignments.list({ unitCode: q.unit, status: q.status, limit: q.limit });
  }

  @Get(':id')
  get(@Param('id', new ZodPipe(AssignmentId)) id: string) {
    return this.assignments.get(id);
  }
}
