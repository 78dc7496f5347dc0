#!/usr/bin/env node
import { Command } from 'commander';
import { devCommand } from './commands/dev.js';
import { migrateCommand } from './commands/migrate.js';

const program = new Command()
  .name('dondoc')
  .description('Đôn Đốc — kế hoạch cải cách hành chính tự đôn đốc / the reform plan that urges by itself')
  .showHelpAfterError();

program.addCommand(devCommand());
program.addCommand(migrateCommand());

program.parseAsync().catch((err: unknown) => {
  console.error(`dondoc: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
