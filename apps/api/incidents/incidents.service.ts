import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { Gauge } from 'prom-client';
import type { Db } from '../../database/pool.js';
import { IncidentRepository, type IncidentRow } from '../../database/repositories/incident.repository.js';
import { UserRepository } from '../../database/repositories/user.repository.js';
import { assignmentWorkflowId, retryStepUpdate } from '../../../workflows/contracts.js';
import { actorNames } from '../assignments/actor-names.js';
import { refusal } from '../assignments/assignments.service.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import type { Metrics } from '../metrics/metrics.js';
import { DB, METRICS, TEMPORAL_CLIENT } from '../tokens.js';

/**
 * Steps of the engine the database refused for good, for the Home Affairs office: the list, a retry (the
 * assignment's workflow writes the step again, once the cause is fixed) and closing one without a retry.
 */
@Injectable()
export class IncidentsService implements OnModuleInit {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(IncidentRepository) private readonly incidents: IncidentRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  /** Open incidents per issuer, read from the database at each scrape (any API instance answers the same). */
  onModuleInit(): void {
    if (this.metrics.registry.getSingleMetric('dondoc_incidents_open')) return;
    const incidents = this.incidents;
    const db = this.db;
    new Gauge({
      name: 'dondoc_incidents_open',
      help: 'Steps of the engine the database refused, not yet repaired, by issuer',
      labelNames: ['issuer'],
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const r of await incidents.countOpen(db)) this.labels(r.issuerId).set(r.open);
      },
    });
  }

  async list(p: Principal, status?: 'open' | 'resolved') {
    const rows = await this.incidents.list(this.db, { issuerId: p.issuerCode, status, limit: 500 });
    const nameOf = await actorNames(
      this.users,
      this.db,
      p.issuerCode,
      rows.flatMap((r) => [r.actor, ...(r.resolvedBy ? [r.resolvedBy] : [])]),
    );
    return rows.map((r) => ({
      ...r,
      by: nameOf(r.actor),
      resolvedByName: r.resolvedBy ? nameOf(r.resolvedBy).name : null,
    }));
  }

  /** Asks the assignment's workflow to write the step again; answers the incident as it stands after. */
  async retry(p: Principal, id: string, header: string | undefined, requestId: string): Promise<IncidentRow> {
    if (header !== undefined && !/^[\w.:-]{1,100}$/.test(header))
      throw new AppError(
        400,
        'validation_failed',
        'Idempotency-Key không hợp lệ.',
        'Invalid Idempotency-Key.',
      );
    const key = header ?? requestId;
    const incident = await this.open(p, id);
    if (!incident.assignmentId) throw this.notRetryable();
    try {
      await this.temporal.workflow
        .getHandle(assignmentWorkflowId(incident.assignmentId))
        .executeUpdate(retryStepUpdate, {
          updateId: `retry:${id}:${key}`,
          args: [{ by: p.login, requestId: `${p.userId}:${key}`, eventId: id }],
        });
    } catch (err) {
      throw refusal(err);
    }
    return (await this.incidents.findById(this.db, id))!;
  }

  /** Closes an incident without writing the step (the office decided it is not needed). */
  async dismiss(p: Principal, id: string, note: string): Promise<IncidentRow> {
    await this.open(p, id);
    await this.incidents.resolve(this.db, id, { by: p.login, resolution: 'dismissed', note });
    return (await this.incidents.findById(this.db, id))!;
  }

  private async open(p: Principal, id: string): Promise<IncidentRow> {
    const incident = await this.incidents.findById(this.db, id);
    if (!incident || incident.issuerId !== p.issuerCode)
      throw new AppError(404, 'incident_not_found', 'Không tìm thấy sự cố.', 'No such incident.');
    if (incident.status !== 'open')
      throw new AppError(
        409,
        'incident_resolved',
        'Sự cố đã được xử lý.',
        'The incident is already resolved.',
      );
    return incident;
  }

  private notRetryable() {
    return new AppError(
      409,
      'incident_not_retryable',
      'Sự cố này không gắn với nhiệm vụ nào nên không thể thử lại.',
      'This incident belongs to no assignment and cannot be retried.',
    );
  }
}
