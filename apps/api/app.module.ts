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
import { CommentsController } from './comments/comments.controller.js';
import { CommentsService } from './comments/comments.service.js';
import { FilesController } from './files/files.controller.js';
import { PostgresFileStore } from './files/file-store.js';
import { FilesService } from './files/files.service.js';
import { QueueController } from './queue/queue.controller.js';
import { QueueService } from './queue/queue.service.js';
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
import { InvitationsController } from './people/invitations.controller.js';
import { PeopleController } from './people/people.controller.js';
import { PeopleService } from './people/people.service.js';
import { PlanImportController } from './importing/plan-import.controller.js';
import { PlanImportPool } from './importing/plan-import-pool.js';
import { PlanImportService } from './importing/plan-import.service.js';
import { PlansController } from './plans/plans.controller.js';
import { PlanLanguage } from './plans/plan-language.js';
import { PlansService } from './plans/plans.service.js';
import { ReportsController } from './reports/reports.controller.js';
import { ReportsService } from './reports/reports.service.js';
import { FileRepository } from '../database/repositories/file.repository.js';
import { APP_ENV, APP_SECRET, DB, FILE_STORE, METRICS, TEMPORAL_CLIENT } from './tokens.js';

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
        PlanImportController,
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
        FilesController,
        CommentsController,
        QueueController,
        PeopleController,
        InvitationsController,
      ],
      providers: [
        { provide: APP_ENV, useValue: resources.env },
        { provide: TEMPORAL_CLIENT, useValue: resources.temporal },
        { provide: APP_SECRET, useValue: resources.secret },
        {
          provide: FILE_STORE,
          useFactory: (db: Db, files: FileRepository) => new PostgresFileStore(db, files),
          inject: [DB, FileRepository],
        },
        FilesService,
        CommentsService,
        QueueService,
        { provide: METRICS, useValue: resources.metrics },
        { provide: PlanLanguage, useFactory: () => new PlanLanguage() },
        { provide: PlanImportPool, useFactory: () => new PlanImportPool() },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        HealthService,
        AuthService,
        PlansService,
        PlanImportService,
        AssignmentsService,
        ReportsService,
        DashboardService,
        IndicatorsService,
        IncidentsService,
        DigestsService,
        ExtensionsService,
        OneClickService,
        PeopleService,
        CalendarService,
      ],
    };
  }
}
