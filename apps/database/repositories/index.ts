// The one place repositories are built. Each repository owns its SQL and holds no state of its own (every method
// takes the pool or a transaction), so one set serves a whole process: the API provides them through Nest's DI
// (DatabaseModule), the worker and the mailer pass them to their factories.
import { AssignmentDetailRepository } from './assignment-detail.repository.js';
import { AssignmentRepository } from './assignment.repository.js';
import { AuditRepository } from './audit.repository.js';
import { CommentRepository } from './comment.repository.js';
import { CoordinationRepository } from './coordination.repository.js';
import { DeliveryRepository, MailLookupRepository } from './delivery.repository.js';
import { DigestRepository } from './digest.repository.js';
import { EventRepository } from './event.repository.js';
import { ExtensionRepository } from './extension.repository.js';
import { FeedRepository } from './feed.repository.js';
import { FileRepository } from './file.repository.js';
import { IncidentRepository } from './incident.repository.js';
import { IndicatorRepository } from './indicator.repository.js';
import { OneClickRepository } from './one-click.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import { PeopleRepository } from './people.repository.js';
import { PlanRepository } from './plan.repository.js';
import { QueueRepository, SavedFilterRepository } from './queue.repository.js';
import { ReportRepository } from './report.repository.js';
import { SessionRepository } from './session.repository.js';
import { UnitRepository } from './unit.repository.js';
import { UserRepository } from './user.repository.js';

export {
  AssignmentDetailRepository,
  AssignmentRepository,
  AuditRepository,
  CommentRepository,
  CoordinationRepository,
  DeliveryRepository,
  MailLookupRepository,
  DigestRepository,
  EventRepository,
  ExtensionRepository,
  FeedRepository,
  FileRepository,
  IncidentRepository,
  IndicatorRepository,
  OneClickRepository,
  OutboxRepository,
  PeopleRepository,
  PlanRepository,
  QueueRepository,
  ReportRepository,
  SavedFilterRepository,
  SessionRepository,
  UnitRepository,
  UserRepository,
};

export function createRepositories() {
  return {
    assignments: new AssignmentRepository(),
    assignmentDetails: new AssignmentDetailRepository(),
    audit: new AuditRepository(),
    comments: new CommentRepository(),
    coordination: new CoordinationRepository(),
    deliveries: new DeliveryRepository(),
    mailLookup: new MailLookupRepository(),
    digests: new DigestRepository(),
    events: new EventRepository(),
    extensions: new ExtensionRepository(),
    feeds: new FeedRepository(),
    files: new FileRepository(),
    incidents: new IncidentRepository(),
    indicators: new IndicatorRepository(),
    oneClick: new OneClickRepository(),
    outbox: new OutboxRepository(),
    people: new PeopleRepository(),
    plans: new PlanRepository(),
    queue: new QueueRepository(),
    reports: new ReportRepository(),
    savedFilters: new SavedFilterRepository(),
    sessions: new SessionRepository(),
    units: new UnitRepository(),
    users: new UserRepository(),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
