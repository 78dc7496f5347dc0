import type { Queryable } from './queryable.js';

export interface FileRow {
  id: string;
  assignmentId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface NewFile {
  id: string;
  assignmentId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  requestKey: string;
}

const SELECT = `SELECT id, assignment_id AS "assignmentId", name, content_type AS "contentType", size, sha256,
  uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt" FROM files`;

/**
 * Files and their bytes in PostgreSQL (docs/files.md): the bytes as numbered bytea chunks, written while an
 * upload streams in and read back one chunk at a time, so neither side holds a whole file in memory.
 */
export class FileRepository {
  /** One chunk of a file being uploaded (inside the upload's transaction; the file row follows at the end). */
  async writeChunk(db: Queryable, fileId: string, seq: number, data: Buffer): Promise<void> {
    await db.query(`INSERT INTO file_chunks (file_id, seq, data) VALUES ($1, $2, $3)`, [fileId, seq, data]);
  }

  /** The file row once every chunk is written; a key seen before from the same user answers the first file. */
  async insert(db: Queryable, f: NewFile): Promise<{ file: FileRow; created: boolean }> {
    const { rows } = await db.query<FileRow>(
      `INSERT INTO files (id, assignment_id, name, content_type, size, sha256, uploaded_by, request_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (uploaded_by, request_key) DO NOTHING
       RETURNING id, assignment_id AS "assignmentId", name, content_type AS "contentType", size, sha256,
                 uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"`,
      [f.id, f.assignmentId, f.name, f.contentType, f.size, f.sha256, f.uploadedBy, f.requestKey],
    );
    if (rows[0]) return { file: rows[0], created: true };
    const { rows: earlier } = await db.query<FileRow>(
      `${SELECT} WHERE uploaded_by = $1 AND request_key = $2`,
      [f.uploadedBy, f.requestKey],
    );
    return { file: earlier[0]!, created: false };
  }

  async findById(db: Queryable, id: string): Promise<FileRow | undefined> {
    const { rows } = await db.query<FileRow>(`${SELECT} WHERE id = $1`, [id]);
    return rows[0];
  }

  async listByAssignment(db: Queryable, assignmentId: string): Promise<FileRow[]> {
    const { rows } = await db.query<FileRow>(`${SELECT} WHERE assignment_id = $1 ORDER BY uploaded_at, id`, [
      assignmentId,
    ]);
    return rows;
  }

  /** The files of many assignments at once, uploaded by an instant (the report's evidence). */
  async listByAssignments(
    db: Queryable,
    assignmentIds: readonly string[],
    until: string,
  ): Promise<FileRow[]> {
    if (assignmentIds.length === 0) return [];
    const { rows } = await db.query<FileRow>(
      `${SELECT} WHERE assignment_id = ANY($1) AND uploaded_at <= $2 ORDER BY assignment_id, uploaded_at, id`,
      [assignmentIds, until],
    );
    return rows;
  }

  /**
   * The files of a plan's assignments for the given tasks (a criterion's), in scope and optionally of one unit,
   * with what the archive's folders are named after.
   */
  async listForTasks(
    db: Queryable,
    f: {
      planId: string;
      taskIds: readonly string[];
      unitIds: readonly number[] | null;
      unitCode?: string | undefined;
    },
  ): Promise<
    (FileRow & { taskId: string; title: string; occurrence: string; unitCode: string; unitName: string })[]
  > {
    const { rows } = await db.query<
      FileRow & { taskId: string; title: string; occurrence: string; unitCode: string; unitName: string }
    >(
      `SELECT f.id, f.assignment_id AS "assignmentId", f.name, f.content_type AS "contentType", f.size, f.sha256,
              f.uploaded_by AS "uploadedBy", f.uploaded_at AS "uploadedAt", a.task_id AS "taskId", a.title,
              a.occurrence, u.code AS "unitCode", u.name AS "unitName"
       FROM files f JOIN assignments a ON a.id = f.assignment_id JOIN units u ON u.id = a.unit_id
       WHERE a.plan_id = $1 AND a.task_id = ANY($2) AND ($3::bigint[] IS NULL OR a.unit_id = ANY($3))
         AND ($4::text IS NULL OR u.code = $4)
       ORDER BY u.name, a.task_id, a.occurrence, f.uploaded_at, f.id`,
      [f.planId, f.taskIds, f.unitIds, f.unitCode ?? null],
    );
    return rows;
  }

  /** Chunk `seq` of a file (undefined past the last one). */
  async readChunk(db: Queryable, fileId: string, seq: number): Promise<Buffer | undefined> {
    const { rows } = await db.query<{ data: Buffer }>(
      `SELECT data FROM file_chunks WHERE file_id = $1 AND seq = $2`,
      [fileId, seq],
    );
    return rows[0]?.data;
  }
}
