import { Controller, Get, HttpCode, Inject } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import { HealthService } from './health.service.js';

@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  /** Liveness: the process answers. */
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Temporal answer. */
  @Get('ready')
  @HttpCode(200)
  ready() {
    return this.health.ready();
  }
}
