import { Command, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatPlan } from '../../../dsl/index.js';
import { diffIr } from '../../../dsl/ir/diff.js';
import { planEvents } from '../../publishing/plan-preview.js';
import { eventsToIcs, eventsToTable } from '../preview.js';
import {
  checkFile,
  compileFile,
  diskLoader,
  EXIT,
  renderDiagnostic,
  summary,
  UsageError,
  type MessageLang,
} from '../plan-io.js';

const langOption = () =>
  new Option('--messages <lang>', 'ngôn ngữ thông báo / message language')
    .choices(['vi', 'en', 'both'])
    .default('both');

export function checkCommand(): Command {
  return new Command('check')
    .description('Kiểm tra kế hoạch / check a plan: every error, warning and note with its position')
    .argument('<file>', 'the plan file (.dondoc)')
    .option('--json', 'diagnostics as JSON')
    .option('--no-info', 'hide informational notes')
    .addOption(langOption())
    .action((file: string, opts: { json?: boolean; info: boolean; messages: MessageLang }) => {
      const checked = checkFile(file);
      const shown = checked.diagnostics.filter((d) => opts.info || d.severity !== 'info');
      if (opts.json) process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
      else {
        for (const d of shown) process.stdout.write(renderDiagnostic(d, opts.messages) + '\n\n');
        process.stdout.write(`${file}: ${summary(checked.diagnostics)}\n`);
      }
      process.exitCode = checked.diagnostics.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
    });
}

export function fmtCommand(): Command {
  return new Command('fmt')
    .description('Định dạng kế hoạch / format a plan (keeps comments); --lang rewrites every keyword')
    .argument('<files...>', 'plan files')
    .addOption(new Option('--lang <lang>', 'keyword language').choices(['vi', 'en']))
    .option('-w, --write', 'rewrite the files in place (default: print to stdout)')
    .option('--check', 'exit 1 if a file is not formatted')
    .action((files: string[], opts: { lang?: 'vi' | 'en'; write?: boolean; check?: boolean }) => {
      let unformatted = 0;
      for (const file of files) {
        const text = diskLoader(file);
        if (text === undefined) throw new UsageError(`cannot read file: ${file}`);
        const result = formatPlan(text, { lang: opts.lang ?? dominantLang(text) });
        if (result.diagnostics.some((d) => d.severity === 'error')) {
          for (const d of result.diagnostics) process.stderr.write(renderDiagnostic({ ...d, file }) + '\n\n');
          throw new UsageError(
            `${file}: không định dạng được tệp có lỗi cú pháp / cannot format a file with syntax errors`,
          );
        }
        if (opts.check) {
          if (result.text !== text) {
            unformatted++;
            process.stdout.write(`${file}: chưa định dạng / not formatted\n`);
          }
        } else if (opts.write) {
          if (result.text !== text) writeFileSync(file, result.text);
        } else process.stdout.write(result.text);
      }
      if (unformatted) process.exitCode = EXIT.errors;
    });
}

export function compileCommand(): Command {
  return new Command('compile')
    .description('Biên dịch kế hoạch thành IR / compile a plan to its IR (JSON)')
    .argument('<file>', 'the plan file')
    .option('-o, --out <file>', 'write the IR to a file instead of stdout')
    .option('--published-on <date>', 'publication day YYYY-MM-DD (default: from the plan)')
    .option('--pretty', 'indent the JSON')
    .action((file: string, opts: { out?: string; publishedOn?: string; pretty?: boolean }) => {
      const { ir } = compileFile(file, opts);
      if (!ir) return void (process.exitCode = EXIT.errors);
      const json = JSON.stringify(ir, null, opts.pretty ? 2 : undefined) + '\n';
      if (opts.out) {
        writeFileSync(opts.out, json);
        process.stderr.write(
          `${opts.out}: ${ir.assignments.length} assignments, hash ${ir.hash.slice(0, 12)}\n`,
        );
      } else process.stdout.write(json);
    });
}

export function calendarCommand(): Command {
  return new Command('calendar')
    .description('Xem trước lịch cả năm / preview every reminder, escalation, digest and report of the year')
    .argument('<file>', 'the plan file')
    .option('--unit <code>', 'only what concerns this unit')
    .option('--from <date>', 'from this day (YYYY-MM-DD)')
    .option('--to <date>', 'to this day (YYYY-MM-DD)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'ics']).default('table'),
    )
    .action(
      (
        file: string,
        opts: { unit?: string; from?: string; to?: string; format: 'table' | 'json' | 'ics' },
      ) => {
        const { ir } = compileFile(file);
        if (!ir) return void (process.exitCode = EXIT.errors);
        if (opts.unit && !ir.units.some((u) => u.code === opts.unit)) {
          throw new UsageError(`không có đơn vị / no unit "${opts.unit}" in this plan`);
        }
        const events = planEvents(ir, opts);
        if (opts.format === 'json') process.stdout.write(JSON.stringify(events, null, 2) + '\n');
        else if (opts.format === 'ics') process.stdout.write(eventsToIcs(ir, events));
        else process.stdout.write(eventsToTable(events));
      },
    );
}

export function diffCommand(): Command {
  return new Command('diff')
    .description('So sánh hai phiên bản kế hoạch / what an amendment would change')
    .argument('<before>', 'the running plan (file .dondoc, or its IR .json)')
    .argument('<after>', 'the amended plan')
    .option('--json', 'as JSON')
    .action((before: string, after: string, opts: { json?: boolean }) => {
      const load = (f: string) =>
        f.endsWith('.json') ? JSON.parse(readFileSync(f, 'utf8')) : compileFile(f).ir;
      const a = load(before);
      const b = load(after);
      if (!a || !b) return void (process.exitCode = EXIT.errors);
      const d = diffIr(a, b);
      if (opts.json) return void process.stdout.write(JSON.stringify(d, null, 2) + '\n');
      const lines = [
        `+ ${d.added.length} thêm mới / added`,
        ...d.added.map((x) => `  + ${x.id}  hạn/due ${x.dueDate}`),
        `- ${d.removed.length} hủy / removed (cancelled when applied)`,
        ...d.removed.map((x) => `  - ${x.id}`),
        `~ ${d.changed.length} thay đổi / changed`,
        ...d.changed.flatMap((c) => [
          `  ~ ${c.id}`,
          ...Object.entries(c.fields).map(([k, v]) => `      ${k}: ${short(v.from)} → ${short(v.to)}`),
        ]),
        `= ${d.unchanged} không đổi / unchanged`,
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '—' : s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Without --lang, keep the file's own keyword language: the rewrite that changes fewer lines. */
function dominantLang(text: string): 'vi' | 'en' {
  const lines = new Set(text.split('\n'));
  const kept = (lang: 'vi' | 'en') =>
    formatPlan(text, { lang })
      .text.split('\n')
      .filter((l) => lines.has(l)).length;
  return kept('en') > kept('vi') ? 'en' : 'vi';
}
