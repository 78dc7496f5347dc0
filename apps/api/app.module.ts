import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Client } from '@temporalio/client';
import type { Env } from '../config/env.js';
import type { Db } from '../database/pool.js';
import type { Repositories } from '../database/repositories/index.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { AuthController } from './auth/auth.controller.js';
import { MeController } from './auth/me.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CalendarService } from './calendar/calendar.service.js';
import { ProblemFilter } from './common/problem.filter.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { DashboardService } from './dashboard/dashboard.service.js';
import { DatabaseModule } from './database.module.js';
import { DigestsController } from './digests/digests.controller.js';
import { DigestsService } from './digests/digests.service.js';
import { ExtensionsController } from './extensions/extensions.controller.js';
import { ExtensionsService } from './extensions/extensions.service.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { IncidentsController } from './incidents/incidents.controller.js';
import { IncidentsService } from './incidents/incidents.service.js';
import { IndicatorsController } from './indicators/indicators.controller.js';
import { IndicatorsService } from './indicators/indicators.service.js';
import { MetricsController } from './metrics/metrics.controller.js';
import type { Metrics } from './metrics/metrics.js';
import { OneClickController } from './one-click/one-click.controller.js';
import { OneClickService } from './one-click/one-click.service.js';
import { PlansController } from './plans/plans.controller.js';
import { PlanLanguage } from './plans/plan-language.js';
import { PlansService } from './plans/plans.service.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsService } from './reports/reports.service.js';
import { APP_ENV, APP_SECRET, METRICS, TEMPORAL_CLIENT } from './tokens.js';

export interface AppResources {
  env: Env;
  db: Db;
  /** One set for the process (createRepositories()); built here when not given. */
  repositories?: Repositories;
  temporal: Client;
  /** At least 32 characters; shared with the worker, which signs the one-click links. */
  secret: string;
  metrics: Metrics;
}

/** The resources are created (and closed) by the caller: main.ts in production, the test in tests. */
@Module({})
export class AppModule {
  static forRoot(resources: AppResources): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(resources.db, resources.repositories),
        JwtModule.register({ secret: resources.secret, signOptions: { algorithm: 'HS256' } }),
        ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 10 }]),
      ],
      controllers: [
        HealthController,
        MetricsController,
        AuthController,
        MeController,
        PlansController,
        AssignmentsController,
        ExtensionsController,
        DigestsController,
        DashboardController,
        ReportsController,
        IndicatorsController,
        IncidentsController,
        CalendarController,
        OneClickController,
      ],
      providers: [
        { provide: APP_ENV, useValue: resources.env },
        { provide: TEMPORAL_CLIENT, useValue: resources.temporal },
        { provide: APP_SECRET, useValue: resources.secret },
        { provide: METRICS, useValue: resources.metrics },
        { provide: PlanLanguage, useFactory: () => new PlanLanguage() },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        HealthService,
        AuthService,
        PlansService,
        AssignmentsService,
        ReportsService,
        DashboardService,
        IndicatorsService,
        IncidentsService,
        DigestsService,
        ExtensionsService,
        OneClickService,
        CalendarService,
      ],
    };
  }
}
