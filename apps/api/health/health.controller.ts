import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '../auth/decorators.js';
import { Declare } from '../common/openapi.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  /** Liveness: the process answers. */
  @Declare({
    operationId: 'live',
    summary: 'Tiến trình còn chạy / Liveness',
    responses: { 200: z.object({ status: z.literal('ok') }) },
  })
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Temporal answer. */
  @Declare({
    operationId: 'ready',
    summary: 'Sẵn sàng phục vụ / Readiness (PostgreSQL and Temporal answer)',
    responses: { 200: z.looseObject({ status: z.literal('ready'), checks: z.looseObject({}) }) },
    // 503 not_ready: a dependency does not answer (a problem, with the checks in details).
    errors: [503],
  })
  @Get('ready')
  @HttpCode(200)
  ready() {
    return this.health.ready();
  }
}
