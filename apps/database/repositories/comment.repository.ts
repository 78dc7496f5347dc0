import type { Queryable } from './queryable.js';

export interface CommentRow {
  id: string;
  assignmentId: string;
  author: string;
  body: string;
  /** Units named with "@", by id. */
  mentions: number[];
  createdAt: Date;
}

const COLUMNS = `id, assignment_id AS "assignmentId", author, body, mentions, created_at AS "createdAt"`;

/** The comment thread of each assignment. */
export class CommentRepository {
  /** Adds a comment; the same key from the same author answers the first one (created: false). */
  async add(
    db: Queryable,
    c: {
      assignmentId: string;
      author: string;
      body: string;
      mentions: readonly number[];
      requestKey: string;
    },
  ): Promise<{ comment: CommentRow; created: boolean }> {
    const { rows } = await db.query<CommentRow>(
      `INSERT INTO assignment_comments (assignment_id, author, body, mentions, request_key)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (author, request_key) DO NOTHING RETURNING ${COLUMNS}`,
      [c.assignmentId, c.author, c.body, c.mentions, c.requestKey],
    );
    if (rows[0]) return { comment: rows[0], created: true };
    const { rows: earlier } = await db.query<CommentRow>(
      `SELECT ${COLUMNS} FROM assignment_comments WHERE author = $1 AND request_key = $2`,
      [c.author, c.requestKey],
    );
    return { comment: earlier[0]!, created: false };
  }

  async listByAssignment(db: Queryable, assignmentId: string): Promise<CommentRow[]> {
    const { rows } = await db.query<CommentRow>(
      `SELECT ${COLUMNS} FROM assignment_comments WHERE assignment_id = $1 ORDER BY created_at, id`,
      [assignmentId],
    );
    return rows;
  }
}
