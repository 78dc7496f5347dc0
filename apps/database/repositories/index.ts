// The one place repositories are built. Each repository owns its SQL and holds no state of its own (every method
// takes the pool or a transaction), so one set serves a whole process: the API provides them through Nest's DI
// (DatabaseModule), the worker and the mailer pass them to their factories.
import { AssignmentRepository } from './assignment.repository.js';
import { AuditRepository } from './audit.repository.js';
import { DeliveryRepository, MailLookupRepository } from './delivery.repository.js';
import { DigestRepository } from './digest.repository.js';
import { EventRepository } from './event.repository.js';
import { ExtensionRepository } from './extension.repository.js';
import { FeedRepository } from './feed.repository.js';
import { IncidentRepository } from './incident.repository.js';
import { IndicatorRepository } from './indicator.repository.js';
import { OneClickRepository } from './one-click.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import { PlanRepository } from './plan.repository.js';
import { ReportRepository } from './report.repository.js';
import { SessionRepository } from './session.repository.js';
import { UnitRepository } from './unit.repository.js';
import { UserRepository } from './user.repository.js';

export {
  AssignmentRepository,
  AuditRepository,
  DeliveryRepository,
  MailLookupRepository,
  DigestRepository,
  EventRepository,
  ExtensionRepository,
  FeedRepository,
  IncidentRepository,
  IndicatorRepository,
  OneClickRepository,
  OutboxRepository,
  PlanRepository,
  ReportRepository,
  SessionRepository,
  UnitRepository,
  UserRepository,
};

export function createRepositories() {
  return {
    assignments: new AssignmentRepository(),
    audit: new AuditRepository(),
    deliveries: new DeliveryRepository(),
    mailLookup: new MailLookupRepository(),
    digests: new DigestRepository(),
    events: new EventRepository(),
    extensions: new ExtensionRepository(),
    feeds: new FeedRepository(),
    incidents: new IncidentRepository(),
    indicators: new IndicatorRepository(),
    oneClick: new OneClickRepository(),
    outbox: new OutboxRepository(),
    plans: new PlanRepository(),
    reports: new ReportRepository(),
    sessions: new SessionRepository(),
    units: new UnitRepository(),
    users: new UserRepository(),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
