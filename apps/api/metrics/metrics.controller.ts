import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { Declare } from '../common/openapi.js';
import { METRICS } from '../tokens.js';
import type { Metrics } from './metrics.js';

@ApiTags('health')
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Declare({
    operationId: 'metrics',
    summary: 'Số đo cho Prometheus / Prometheus metrics (text exposition format)',
    responses: { 200: { description: 'Số đo / Metrics', content: { 'text/plain': { type: 'string' } } } },
  })
  @Get()
  async scrape(@Res() reply: FastifyReply) {
    return reply
      .header('content-type', this.metrics.registry.contentType)
      .send(await this.metrics.registry.metrics());
  }
}
