import { Command } from 'commander';
import { readEnv } from '../../config/env.js';
import { migrate } from '../../database/migrate.js';
import { ensureDatabase } from '../../database/ensure-database.js';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Áp dụng các migration cơ sở dữ liệu / apply database migrations (DATABASE_URL)')
    .option('--create-database', 'create the database if it does not exist')
    .action(async (opts: { createDatabase?: boolean }) => {
      const env = readEnv();
      if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
      if (opts.createDatabase) await ensureDatabase(env.DATABASE_URL);
      const applied = await migrate(env.DATABASE_URL, (m) => console.warn(m));
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    });
}
