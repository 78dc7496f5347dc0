import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import type { Env } from '../shared/config.js';
import type { Db } from '../shared/db/pool.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { ProblemFilter } from './common/problem.filter.js';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { APP_ENV, DB, TEMPORAL_CLIENT } from './tokens.js';

export interface AppResources {
  env: Env;
  db: Db;
  temporal: Client;
}

/** The resources are created (and closed) by the caller: main.ts in production, the test in tests. */
@Module({})
export class AppModule {
  static forRoot(resources: AppResources): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController, AssignmentsController],
      providers: [
        { provide: APP_ENV, useValue: resources.env },
        { provide: DB, useValue: resources.db },
        { provide: TEMPORAL_CLIENT, useValue: resources.temporal },
        { provide: APP_FILTER, useClass: ProblemFilter },
        HealthService,
        AssignmentsService,
      ],
    };
  }
}
