#!/usr/bin/env node
import { Command } from 'commander';
import { devCommand } from './commands/dev.js';
import { migrateCommand } from './commands/migrate.js';
import { calendarCommand, checkCommand, compileCommand, diffCommand, fmtCommand } from './commands/plan.js';
import { EXIT, UsageError } from './plan-io.js';

const program = new Command()
  .name('dondoc')
  .description('Đôn Đốc — kế hoạch cải cách hành chính tự đôn đốc / the reform plan that urges by itself')
  .showHelpAfterError();

program.addCommand(checkCommand());
program.addCommand(fmtCommand());
program.addCommand(compileCommand());
program.addCommand(calendarCommand());
program.addCommand(diffCommand());
program.addCommand(devCommand());
program.addCommand(migrateCommand());

program.parseAsync().catch((err: unknown) => {
  console.error(`dondoc: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? EXIT.usage : 1);
});
