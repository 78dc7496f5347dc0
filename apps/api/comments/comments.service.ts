import { Inject, Injectable } from '@nestjs/common';
import { withTransaction, type Db } from '../../database/pool.js';
import { AssignmentRepository } from '../../database/repositories/assignment.repository.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { CommentRepository, type CommentRow } from '../../database/repositories/comment.repository.js';
import { CoordinationRepository } from '../../database/repositories/coordination.repository.js';
import { OutboxRepository } from '../../database/repositories/outbox.repository.js';
import { UnitRepository, type UnitRow } from '../../database/repositories/unit.repository.js';
import { UserRepository } from '../../database/repositories/user.repository.js';
import { actorNames, type ActorName } from '../assignments/actor-names.js';
import { hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { visibleAssignment } from '../files/assignment-access.js';
import { DB } from '../tokens.js';

export interface CommentItem {
  id: string;
  text: string;
  at: Date;
  author: string;
  by: ActorName;
  mentions: { code: string; name: string }[];
}

/** The comment thread of an assignment: whoever may see the assignment reads it; a viewer only reads. */
@Injectable()
export class CommentsService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(AssignmentRepository) private readonly assignments: AssignmentRepository,
    @Inject(CommentRepository) private readonly comments: CommentRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(CoordinationRepository) private readonly coordination: CoordinationRepository,
  ) {}

  async list(p: Principal, assignmentId: string): Promise<CommentItem[]> {
    await visibleAssignment(
      { assignments: this.assignments, coordination: this.coordination },
      this.db,
      p,
      assignmentId,
    );
    const [rows, units] = await Promise.all([
      this.comments.listByAssignment(this.db, assignmentId),
      this.units.listByIssuer(this.db, p.issuerCode),
    ]);
    return this.items(p, rows, units);
  }

  /** The units a comment may name (the issuer's, by name): what the "@" picker offers. */
  async mentionable(p: Principal, assignmentId: string): Promise<{ code: string; name: string }[]> {
    await visibleAssignment(
      { assignments: this.assignments, coordination: this.coordination },
      this.db,
      p,
      assignmentId,
    );
    return (await this.units.listByIssuer(this.db, p.issuerCode)).map((u) => ({
      code: u.code,
      name: u.name,
    }));
  }

  /**
   * Adds a comment; each unit it names ("@" + the unit's name, sent as codes from the picker) is notified by mail
   * through the outbox. The same key from the same person adds it once.
   */
  async add(
    p: Principal,
    assignmentId: string,
    c: { text: string; mentions: readonly string[] },
    key: string,
    requestId: string,
  ): Promise<{ comment: CommentItem; created: boolean }> {
    const { assignment: a } = await visibleAssignment(
      { assignments: this.assignments, coordination: this.coordination },
      this.db,
      p,
      assignmentId,
    );
    if (!hasRole(p, 'admin', 'home_affairs', 'unit_member', 'unit_head', 'officer', 'chairperson'))
      throw new AppError(
        403,
        'forbidden',
        'Bạn chỉ được xem, không được bình luận nhiệm vụ này.',
        'You may read this assignment but not comment on it.',
      );
    const units = await this.units.listByIssuer(this.db, p.issuerCode);
    const byCode = new Map(units.map((u) => [u.code, u]));
    const unknown = c.mentions.filter((m) => !byCode.has(m));
    if (unknown.length > 0)
      throw new AppError(
        422,
        'unknown_unit',
        'Bình luận nhắc đến đơn vị không có trong danh sách.',
        'The comment names a unit that does not exist.',
        { units: unknown },
      );
    const mentioned = [...new Set(c.mentions)].map((m) => byCode.get(m)!);
    const { comment, created } = await withTransaction(this.db, async (tx) => {
      const added = await this.comments.add(tx, {
        assignmentId,
        author: p.login,
        body: c.text,
        mentions: mentioned.map((u) => u.id),
        requestKey: key,
      });
      if (!added.created) return added;
      await this.outbox.enqueue(
        tx,
        mentioned.map((u) => ({
          key: `comment/${added.comment.id}/unit:${u.code}`,
          kind: 'comment_mention',
          recipient: `unit:${u.code}`,
          recipientName: u.name,
          ...(u.email ? { recipientEmail: u.email } : {}),
          assignmentId,
          dueAt: added.comment.createdAt.toISOString(),
          payload: {
            task: { id: a.taskId, title: a.title, area: a.area },
            unit: { code: a.unitCode, name: a.unitName },
            occurrence: a.occurrence,
            dueAt: a.dueAt?.toISOString() ?? null,
            note: c.text.slice(0, 2000),
            requestedBy: p.login,
          },
        })),
      );
      await this.audit.append(tx, {
        actor: p.login,
        action: 'comment.added',
        target: `assignment:${assignmentId}`,
        requestId,
        details: { commentId: added.comment.id, mentions: mentioned.map((u) => u.code), idempotencyKey: key },
      });
      return added;
    });
    const [item] = await this.items(p, [comment], units);
    return { comment: item!, created };
  }

  private async items(p: Principal, rows: CommentRow[], units: UnitRow[]): Promise<CommentItem[]> {
    const nameOf = await actorNames(
      this.users,
      this.db,
      p.issuerCode,
      rows.map((r) => r.author),
    );
    const unitById = new Map(units.map((u) => [u.id, u]));
    return rows.map((r) => ({
      id: r.id,
      text: r.body,
      at: r.createdAt,
      author: r.author,
      by: nameOf(r.author),
      mentions: r.mentions.flatMap((id) => {
        const u = unitById.get(Number(id));
        return u ? [{ code: u.code, name: u.name }] : [];
      }),
    }));
  }
}
