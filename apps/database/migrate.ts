import { runner } from 'node-pg-migrate';
import { projectPath } from '../config/project.js';

export const MIGRATIONS_DIR = projectPath('apps/database/migrations');

/** Applies pending migrations (plain SQL files); an advisory lock makes concurrent starters wait. */
export async function migrate(databaseUrl: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    singleTransaction: true,
    advisoryLockMode: 'wait',
    checkOrder: true,
    log: () => {},
    logger: { debug: () => {}, info: () => {}, warn: log, error: log },
  });
  return applied.map((m) => m.name);
}
