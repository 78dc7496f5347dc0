// The API's Nest module resolves every provider from the resources it is given, and the services receive the
// repositories of the one set passed in (DatabaseModule), not sets of their own.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { AppModule } from '../../apps/api/app.module.js';
import { AssignmentsService } from '../../apps/api/assignments/assignments.service.js';
import { AuthService } from '../../apps/api/auth/auth.service.js';
import { CalendarService } from '../../apps/api/calendar/calendar.service.js';
import { DashboardService } from '../../apps/api/dashboard/dashboard.service.js';
import { DigestsService } from '../../apps/api/digests/digests.service.js';
import { ExtensionsService } from '../../apps/api/extensions/extensions.service.js';
import { IndicatorsService } from '../../apps/api/indicators/indicators.service.js';
import { createMetrics } from '../../apps/api/metrics/metrics.js';
import { OneClickService } from '../../apps/api/one-click/one-click.service.js';
import { PlansService } from '../../apps/api/plans/plans.service.js';
import { ReportsService } from '../../apps/api/reports/reports.service.js';
import { DB } from '../../apps/api/tokens.js';
import { readEnv } from '../../apps/config/env.js';
import type { Db } from '../../apps/database/pool.js';
import {
  createRepositories,
  PlanRepository,
  UserRepository,
} from '../../apps/database/repositories/index.js';

describe('the API module', () => {
  it('resolves every service, with the pool and the repositories it was given', async () => {
    // Nothing connects while the module is built: stand-ins are enough.
    const db = { query: () => Promise.reject(new Error('no database')) } as unknown as Db;
    const repositories = createRepositories();
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        env: readEnv({}),
        db,
        repositories,
        temporal: {} as Client,
        secret: 'a-test-secret-of-at-least-32-characters',
        metrics: createMetrics(),
      }),
      { logger: false },
    );
    try {
      for (const service of [
        AssignmentsService,
        AuthService,
        CalendarService,
        DashboardService,
        DigestsService,
        ExtensionsService,
        IndicatorsService,
        OneClickService,
        PlansService,
        ReportsService,
      ])
        expect(app.get(service), service.name).toBeInstanceOf(service);
      expect(app.get(DB)).toBe(db);
      expect(app.get(PlanRepository)).toBe(repositories.plans);
      expect(app.get(UserRepository)).toBe(repositories.users);
      const dashboard = app.get(DashboardService) as unknown as { plans: unknown };
      expect(dashboard.plans).toBe(repositories.plans);
    } finally {
      await app.close();
    }
  });
});
