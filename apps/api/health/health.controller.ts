import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
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
  async ready() {
    const checks = await this.health.check();
    const ok = Object.values(checks).every((c) => c.ok);
    if (!ok)
      throw new ServiceUnavailableException({
        status: 503,
        code: 'not_ready',
        message: { vi: 'Chưa sẵn sàng', en: 'Not ready' },
        details: checks,
      });
    return { status: 'ready', checks };
  }
}
