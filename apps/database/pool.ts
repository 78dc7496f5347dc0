import pg from 'pg';

// timestamptz and jsonb come back as Date/objects; bigint ids as strings would leak into JSON, so parse int8.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = pg.Pool;
export type DbClient = pg.PoolClient;

export function createPool(databaseUrl: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, application_name: 'dondoc' });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Neither may a checked-out one (a transaction between two statements when PostgreSQL restarts): the pool
  // listens on idle clients only, and a client's 'error' with no listener ends the process. The statement in
  // flight fails on its own, and the pool drops a broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export async function withTransaction<T>(db: Db, fn: (client: DbClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
