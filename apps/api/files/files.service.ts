import { Inject, Injectable } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import archiver from 'archiver';
import { stringify } from 'csv-stringify/sync';
import { fileTypeFromBuffer } from 'file-type';
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { PlanIR } from '../../../dsl/ir/schema.js';
import { formatDateTime } from '../../presentation/index.js';
import { PlanRepository } from '../../database/repositories/plan.repository.js';
import { UnitRepository } from '../../database/repositories/unit.repository.js';
import type { Env } from '../../config/env.js';
import { withTransaction, type Db } from '../../database/pool.js';
import { AssignmentRepository } from '../../database/repositories/assignment.repository.js';
import { AuditRepository } from '../../database/repositories/audit.repository.js';
import { CoordinationRepository } from '../../database/repositories/coordination.repository.js';
import { FileRepository, type FileRow } from '../../database/repositories/file.repository.js';
import { UserRepository } from '../../database/repositories/user.repository.js';
import { actorNames } from '../assignments/actor-names.js';
import { hasRole, type Principal } from '../auth/principal.js';
import { AppError } from '../common/problem.filter.js';
import { APP_ENV, DB, FILE_STORE } from '../tokens.js';
import { visibleAssignment } from './assignment-access.js';
import { rechunk, type FileStore } from './file-store.js';
import { ALLOWED_TYPES, sanitizeFileName } from './file-names.js';

/** A file as the API answers it: its name, type, size and hash, who attached it and when, and where to get it. */
export interface FileItem {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string;
  uploadedByName: string | null;
  url: string;
}

const refusedType = () =>
  new AppError(
    415,
    'file_type_not_allowed',
    'Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (JPG, PNG, TIFF, WebP); nội dung tệp này không thuộc các loại đó (loại tệp được xác định theo nội dung, không theo tên).',
    'Only PDF, Word (.docx), Excel (.xlsx) or images (JPG, PNG, TIFF, WebP) are accepted; this file is none of these (the type is read from the content, not the name).',
  );

@Injectable()
export class FilesService {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(APP_ENV) private readonly env: Env,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(AssignmentRepository) private readonly assignments: AssignmentRepository,
    @Inject(FileRepository) private readonly files: FileRepository,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(PlanRepository) private readonly plans: PlanRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(CoordinationRepository) private readonly coordination: CoordinationRepository,
  ) {}

  get maxBytes(): number {
    return Math.floor(this.env.FILE_MAX_MB * 1024 * 1024);
  }

  /**
   * Stores the uploaded file of an assignment as evidence: the caller must act for the assignment's unit (as for
   * completing it). The bytes stream into the store inside one transaction; its type is read from the first
   * bytes; a refused file leaves nothing behind. The same key from the same user stores it once.
   */
  async upload(
    p: Principal,
    assignmentId: string,
    part: (limits: { fileSize: number }) => Promise<MultipartFile | undefined>,
    key: string,
    requestId: string,
  ): Promise<{ file: FileItem; created: boolean }> {
    const { assignment: a, coordinators } = await visibleAssignment(
      { assignments: this.assignments, coordination: this.coordination },
      this.db,
      p,
      assignmentId,
    );
    // Those who do the work attach its evidence: the lead unit, the officer it is given to, a coordinating unit.
    const mayAttach =
      p.memberUnitIds.has(a.unitId) ||
      (a.officerLogin === p.login && p.officerUnitIds.has(a.unitId)) ||
      coordinators.some((c) => p.memberUnitIds.has(c.unitId)) ||
      hasRole(p, 'admin');
    if (!mayAttach)
      throw new AppError(
        403,
        'forbidden',
        'Chỉ đơn vị chủ trì, chuyên viên được giao và đơn vị phối hợp mới được đính kèm tệp.',
        'Only the lead unit, the officer given the work and coordinating units may attach files.',
      );
    let data: MultipartFile | undefined;
    try {
      data = await part({ fileSize: this.maxBytes });
    } catch (err) {
      throw uploadError(err, this.env.FILE_MAX_MB);
    }
    if (!data)
      throw new AppError(
        400,
        'file_required',
        'Chưa chọn tệp để tải lên (trường "file" của biểu mẫu multipart/form-data).',
        'No file was sent (the "file" field of a multipart/form-data form).',
      );
    const upload = data;
    const requestKey = `${key}`;
    const fileId = randomUUID();
    const hash = createHash('sha256');
    let size = 0;
    let contentType = '';
    const checked = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        if (size === 0) {
          // The first chunk (256 KiB, or the whole file) is enough to recognise every accepted format.
          const detected = await fileTypeFromBuffer(chunk);
          if (!detected || !ALLOWED_TYPES[detected.mime]) throw refusedType();
          contentType = detected.mime;
        }
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    };
    try {
      const stored = await withTransaction(this.db, async (tx) => {
        await this.store.write(tx, fileId, checked(rechunk(upload.file)));
        if (upload.file.truncated) throw tooLarge(this.env.FILE_MAX_MB);
        if (size === 0)
          throw new AppError(422, 'file_empty', 'Tệp rỗng (0 byte).', 'The file is empty (0 bytes).');
        const name = sanitizeFileName(upload.filename, ALLOWED_TYPES[contentType]!);
        const result = await this.files.insert(tx, {
          id: fileId,
          assignmentId,
          name,
          contentType,
          size,
          sha256: hash.digest('hex'),
          uploadedBy: p.login,
          requestKey,
        });
        // The same key again: the first upload stands, this one's bytes are dropped with the transaction.
        if (!result.created) throw new Repeated(result.file);
        await this.audit.append(tx, {
          actor: p.login,
          action: 'file.uploaded',
          target: `assignment:${assignmentId}`,
          requestId,
          details: { fileId, name, contentType, size, sha256: result.file.sha256, idempotencyKey: key },
        });
        return result.file;
      });
      return { file: await this.item(p, stored), created: true };
    } catch (err) {
      upload.file.resume();
      if (err instanceof Repeated) return { file: await this.item(p, err.file), created: false };
      throw uploadError(err, this.env.FILE_MAX_MB);
    }
  }

  async list(p: Principal, assignmentId: string): Promise<FileItem[]> {
    await visibleAssignment(
      { assignments: this.assignments, coordination: this.coordination },
      this.db,
      p,
      assignmentId,
    );
    const rows = await this.files.listByAssignment(this.db, assignmentId);
    const nameOf = await actorNames(
      this.users,
      this.db,
      p.issuerCode,
      rows.map((f) => f.uploadedBy),
    );
    return rows.map((f) => toItem(f, nameOf(f.uploadedBy).name));
  }

  /** A file for download, with the authorisation of its assignment (404 for anyone who may not see it). */
  async download(p: Principal, fileId: string): Promise<{ file: FileRow; stream: Readable }> {
    const file = await this.files.findById(this.db, fileId);
    const missing = () =>
      new AppError(404, 'file_not_found', `Không có tệp "${fileId}".`, `No file "${fileId}".`);
    if (!file) throw missing();
    try {
      await visibleAssignment(
        { assignments: this.assignments, coordination: this.coordination },
        this.db,
        p,
        file.assignmentId,
      );
    } catch {
      throw missing();
    }
    return { file, stream: this.store.read(file.id) };
  }

  /**
   * The evidence of a PAR-index criterion as one zip for the annual self-assessment: a folder per unit and task,
   * the files as uploaded, and a list (danh-muc.csv) of every file with its task, unit, time and SHA-256. Only the
   * units in the caller's scope; `unit` narrows it to one. Named after the criterion and the unit.
   */
  async criterionArchive(
    p: Principal,
    q: { plan: string; criterion: string; unit?: string | undefined },
  ): Promise<{ name: string; stream: Readable; count: number }> {
    const plan = await this.plans.findByCode(this.db, q.plan);
    if (!plan || plan.issuerId !== p.issuerCode || !plan.latestVersion)
      throw new AppError(404, 'plan_not_found', `Không có kế hoạch "${q.plan}".`, `No plan "${q.plan}".`);
    const unit = q.unit ? await this.units.findByCode(this.db, p.issuerCode, q.unit) : undefined;
    if (q.unit && (!unit || !(p.issuerWide || p.visibleUnitIds.has(unit.id))))
      throw new AppError(404, 'unit_not_found', `Không có đơn vị "${q.unit}".`, `No unit "${q.unit}".`);
    const ir = (await this.plans.getIr(this.db, plan.id, plan.latestVersion)) as PlanIR;
    const taskIds = ir.tasks.filter((t) => (t.criterion ?? '') === q.criterion).map((t) => t.id);
    if (taskIds.length === 0)
      throw new AppError(
        404,
        'criterion_not_found',
        `Kế hoạch không có nhiệm vụ nào gắn tiêu chí "${q.criterion}".`,
        `The plan has no task tagged with criterion "${q.criterion}".`,
      );
    const rows = await this.files.listForTasks(this.db, {
      planId: plan.id,
      taskIds,
      unitIds: p.issuerWide ? null : [...p.visibleUnitIds],
      unitCode: q.unit,
    });
    const zip = archiver('zip', { zlib: { level: 6 } });
    const out = new PassThrough();
    zip.on('error', (err) => out.destroy(err));
    zip.pipe(out);
    const used = new Set<string>();
    const folder = (s: string) =>
      s
        // eslint-disable-next-line no-control-regex -- control characters are what is removed
        .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
        .slice(0, 80)
        .trim();
    const manifest: string[][] = [
      ['Tệp', 'Nhiệm vụ', 'Đơn vị', 'Kỳ', 'Tải lên lúc', 'Người tải lên', 'SHA-256'],
    ];
    const nameOf = await actorNames(
      this.users,
      this.db,
      p.issuerCode,
      rows.map((r) => r.uploadedBy),
    );
    const read = this.store;
    // The entries are added in order; archiver reads each file's stream only when its turn comes.
    for (const r of rows) {
      const dir = `${folder(r.unitName)}/${folder(`${r.taskId} ${r.title}${r.occurrence ? ` (${r.occurrence})` : ''}`)}`;
      let path = `${dir}/${r.name}`;
      for (let n = 2; used.has(path); n++) path = `${dir}/${r.name.replace(/(\.[^.]+)$/, ` (${n})$1`)}`;
      used.add(path);
      zip.append(read.read(r.id), { name: path, date: r.uploadedAt });
      manifest.push([
        path,
        `${r.taskId} ${r.title}`,
        r.unitName,
        r.occurrence,
        formatDateTime(r.uploadedAt),
        nameOf(r.uploadedBy).name ?? '',
        r.sha256,
      ]);
    }
    zip.append(`\uFEFF${stringify(manifest, { record_delimiter: '\r\n' })}`, { name: 'danh-muc.csv' });
    void zip.finalize();
    const who = unit ? unit.name : 'các đơn vị';
    return {
      name: `Minh chứng tiêu chí ${q.criterion || 'khác'} - ${who}.zip`,
      stream: out,
      count: rows.length,
    };
  }

  private async item(p: Principal, f: FileRow): Promise<FileItem> {
    const nameOf = await actorNames(this.users, this.db, p.issuerCode, [f.uploadedBy]);
    return toItem(f, nameOf(f.uploadedBy).name);
  }
}

class Repeated extends Error {
  constructor(readonly file: FileRow) {
    super('repeated upload');
  }
}

export function toItem(f: FileRow, uploadedByName: string | null): FileItem {
  return {
    id: f.id,
    name: f.name,
    contentType: f.contentType,
    size: Number(f.size),
    sha256: f.sha256,
    uploadedAt: f.uploadedAt,
    uploadedBy: f.uploadedBy,
    uploadedByName,
    url: `/api/files/${f.id}`,
  };
}

const tooLarge = (mb: number) =>
  new AppError(
    413,
    'file_too_large',
    `Tệp vượt quá dung lượng cho phép (${String(mb).replace('.', ',')} MB).`,
    `The file is larger than allowed (${mb} MB).`,
  );

/** The multipart layer's refusals as problems; anything else as it is. */
function uploadError(err: unknown, mb: number): unknown {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(mb);
  if (
    code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ||
    code === 'FST_PARTS_LIMIT' ||
    code === 'FST_FILES_LIMIT'
  )
    return new AppError(
      400,
      'invalid_upload',
      'Yêu cầu tải tệp không hợp lệ: gửi một tệp trong biểu mẫu multipart/form-data.',
      'Invalid upload: send one file in a multipart/form-data form.',
    );
  return err;
}
