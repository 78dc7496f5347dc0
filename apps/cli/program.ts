import { Command } from 'commander';
import { devCommand } from './commands/dev.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { calendarCommand, checkCommand, compileCommand, diffCommand, fmtCommand } from './commands/plan.js';

export function buildProgram(): Command {
  return new Command()
    .name('dondoc')
    .description('Đôn Đốc — kế hoạch cải cách hành chính tự đôn đốc / the reform plan that urges by itself')
    .showHelpAfterError()
    .addCommand(checkCommand())
    .addCommand(fmtCommand())
    .addCommand(compileCommand())
    .addCommand(calendarCommand())
    .addCommand(diffCommand())
    .addCommand(importCommand())
    .addCommand(devCommand())
    .addCommand(migrateCommand());
}
