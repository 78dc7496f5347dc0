// Where the bytes of evidence files live. PostgreSQL by default (docs/files.md: chunked bytea, in the same
// backups and transactions as everything else); an S3-compatible store would implement the same interface.
import { Readable } from 'node:stream';
import type { Db } from '../../database/pool.js';
import type { FileRepository } from '../../database/repositories/file.repository.js';
import type { Queryable } from '../../database/repositories/queryable.js';

export interface FileStore {
  /** The name recorded with each file (files.storage). */
  readonly kind: string;
  /** Writes a file's bytes as they arrive, inside the upload's transaction. */
  write(tx: Queryable, fileId: string, chunks: AsyncIterable<Buffer>): Promise<void>;
  /** The bytes of a stored file, streamed. */
  read(fileId: string): Readable;
}

/** Chunks of at most 256 KiB: small enough for a steady memory use, large enough for few round trips. */
export const CHUNK_BYTES = 256 * 1024;

export class PostgresFileStore implements FileStore {
  readonly kind = 'postgres';
  constructor(
    private readonly db: Db,
    private readonly files: FileRepository,
  ) {}

  async write(tx: Queryable, fileId: string, chunks: AsyncIterable<Buffer>): Promise<void> {
    let seq = 0;
    for await (const chunk of chunks) await this.files.writeChunk(tx, fileId, seq++, chunk);
  }

  read(fileId: string): Readable {
    const { db, files } = this;
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const chunk = await files.readChunk(db, fileId, seq);
          if (!chunk) return;
          yield chunk;
        }
      })(),
    );
  }
}

/** Groups a stream's pieces into chunks of `size` bytes (the last one shorter). */
export async function* rechunk(source: AsyncIterable<Buffer>, size = CHUNK_BYTES): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let length = 0;
  for await (const piece of source) {
    parts.push(piece);
    length += piece.length;
    while (length >= size) {
      const all = Buffer.concat(parts, length);
      yield all.subarray(0, size);
      parts = [all.subarray(size)];
      length -= size;
    }
  }
  if (length > 0) yield Buffer.concat(parts, length);
}
