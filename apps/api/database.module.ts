import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import type { Db } from '../database/pool.js';
import {
  AssignmentRepository,
  AuditRepository,
  createRepositories,
  DeliveryRepository,
  DigestRepository,
  EventRepository,
  ExtensionRepository,
  FeedRepository,
  IncidentRepository,
  IndicatorRepository,
  MailLookupRepository,
  OneClickRepository,
  OutboxRepository,
  PlanRepository,
  ReportRepository,
  type Repositories,
  SessionRepository,
  UnitRepository,
  UserRepository,
} from '../database/repositories/index.js';
import { DB } from './tokens.js';

/** The class each repository is injected by; typed so that a repository added to the set must be listed here. */
const REPOSITORY_CLASSES: { [K in keyof Repositories]: abstract new () => Repositories[K] } = {
  assignments: AssignmentRepository,
  audit: AuditRepository,
  deliveries: DeliveryRepository,
  mailLookup: MailLookupRepository,
  digests: DigestRepository,
  events: EventRepository,
  extensions: ExtensionRepository,
  feeds: FeedRepository,
  incidents: IncidentRepository,
  indicators: IndicatorRepository,
  oneClick: OneClickRepository,
  outbox: OutboxRepository,
  plans: PlanRepository,
  reports: ReportRepository,
  sessions: SessionRepository,
  units: UnitRepository,
  users: UserRepository,
};

/**
 * The pool (token DB) and every repository (by its class: `@Inject(PlanRepository)`), for the whole API. The
 * pool is the caller's to close; the repositories hold no state, so one set serves every request.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(db: Db, repositories: Repositories = createRepositories()): DynamicModule {
    const keys = Object.keys(REPOSITORY_CLASSES) as (keyof Repositories)[];
    const providers: Provider[] = [
      { provide: DB, useValue: db },
      ...keys.map((key) => ({ provide: REPOSITORY_CLASSES[key], useValue: repositories[key] })),
    ];
    return {
      module: DatabaseModule,
      providers,
      exports: [DB, ...keys.map((key) => REPOSITORY_CLASSES[key])],
    };
  }
}
