import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import type { Db } from '../database/pool.js';
import {
  AssignmentDetailRepository,
  AssignmentRepository,
  AuditRepository,
  CommentRepository,
  CoordinationRepository,
  createRepositories,
  DeliveryRepository,
  DigestRepository,
  EventRepository,
  ExtensionRepository,
  FeedRepository,
  FileRepository,
  IncidentRepository,
  IndicatorRepository,
  MailLookupRepository,
  OneClickRepository,
  OutboxRepository,
  PeopleRepository,
  PlanRepository,
  QueueRepository,
  ReportRepository,
  type Repositories,
  SavedFilterRepository,
  SessionRepository,
  UnitRepository,
  UserRepository,
} from '../database/repositories/index.js';
import { DB } from './tokens.js';

/** The class each repository is injected by; typed so that a repository added to the set must be listed here. */
const REPOSITORY_CLASSES: { [K in keyof Repositories]: abstract new () => Repositories[K] } = {
  assignments: AssignmentRepository,
  assignmentDetails: AssignmentDetailRepository,
  audit: AuditRepository,
  comments: CommentRepository,
  coordination: CoordinationRepository,
  deliveries: DeliveryRepository,
  mailLookup: MailLookupRepository,
  digests: DigestRepository,
  events: EventRepository,
  extensions: ExtensionRepository,
  feeds: FeedRepository,
  files: FileRepository,
  incidents: IncidentRepository,
  indicators: IndicatorRepository,
  oneClick: OneClickRepository,
  outbox: OutboxRepository,
  people: PeopleRepository,
  plans: PlanRepository,
  queue: QueueRepository,
  reports: ReportRepository,
  savedFilters: SavedFilterRepository,
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
