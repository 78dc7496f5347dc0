// Which database errors are permanent: retrying the same write can only fail the same way, so the activity says
// so (a non-retryable failure) and the workflow records the step as failed instead of retrying it forever.
import { ApplicationFailure } from '@temporalio/common';
import { PERMANENT_WRITE_FAILURE } from '../../../workflows/assignment-state.js';

/**
 * SQLSTATE classes that depend on the data written, not on the moment: 22 data exception (NUL in text 22021,
 * untranslatable character 22P05, value too long…), 23 integrity constraint violation, 54 program limit
 * exceeded (a row or a jsonb too large). Connection loss (08), serialization and deadlock (40), shutdown (57)
 * and resources (53) are transient and keep Temporal's retries.
 */
const PERMANENT_CLASSES = new Set(['22', '23', '54']);

export function isPermanentDatabaseError(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    err instanceof Error &&
    typeof code === 'string' &&
    /^[0-9A-Z]{5}$/.test(code) &&
    PERMANENT_CLASSES.has(code.slice(0, 2))
  );
}

/** Runs a write; a permanent database error leaves as a non-retryable failure carrying its SQLSTATE. */
export async function failPermanently<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isPermanentDatabaseError(err)) throw err;
    const e = err as Error & { code: string; constraint?: string; table?: string };
    throw ApplicationFailure.create({
      type: PERMANENT_WRITE_FAILURE,
      message: `${e.code}: ${e.message}`,
      details: [
        {
          sqlstate: e.code,
          ...(e.constraint ? { constraint: e.constraint } : {}),
          ...(e.table ? { table: e.table } : {}),
        },
      ],
      nonRetryable: true,
      cause: e,
    });
  }
}
