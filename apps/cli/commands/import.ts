import { Command, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import pc from 'picocolors';
import { importPlan, ImportRefused, type ImportWarning } from '../../importing/index.js';
import { diskLoader, EXIT, summary, UsageError, type MessageLang } from '../plan-io.js';

/** "ke-hoach.docx: Bảng 2, dòng 15, cột «Thời gian hoàn thành» → ke-hoach.dondoc:32 cảnh báo IM06: …" */
export function renderImportWarning(w: ImportWarning, file: string, out: string, lang: MessageLang): string {
  const label = w.severity === 'warning' ? pc.yellow(`cảnh báo ${w.code}`) : pc.cyan(`thông tin ${w.code}`);
  const at = [
    w.where ? `${file}: ${lang === 'en' ? w.where.en : w.where.vi}` : file,
    w.line ? `→ ${out}:${w.line}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const lines = [`${pc.bold(at)} ${label}: ${lang === 'en' ? w.message.en : w.message.vi}`];
  if (lang === 'both') lines.push(pc.dim(`  ${w.message.en}`));
  if (w.detail) lines.push(`  ${pc.green('→')} ${lang === 'en' ? w.detail.en : w.detail.vi}`);
  return lines.join('\n');
}

export function importCommand(): Command {
  return new Command('import')
    .description(
      'Nhập kế hoạch từ Word/Excel / import a plan from the task table of a .docx or .xlsx file into a plan file',
    )
    .argument('<file>', 'ke-hoach.docx or ke-hoach.xlsx')
    .option('--units <file>', 'danh bạ đơn vị / the unit directory (.dondoc) the plan includes')
    .option('-o, --out <file>', 'the plan file to write (default: stdout)')
    .option('--year <year>', 'năm kế hoạch / plan year (default: from the document)', (v) => Number(v))
    .option('--issuer <id>', "cơ quan ban hành / the issuing unit (default: the directory's top unit)")
    .option('--json', 'the warnings and figures as JSON on stdout (with -o)')
    .addOption(
      new Option('--messages <lang>', 'ngôn ngữ thông báo / message language')
        .choices(['vi', 'en', 'both'])
        .default('both'),
    )
    .action(
      async (
        file: string,
        opts: {
          units?: string;
          out?: string;
          year?: number;
          issuer?: string;
          json?: boolean;
          messages: MessageLang;
        },
      ) => {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          throw new UsageError(`không đọc được tệp / cannot read file: ${file}`);
        }
        if (opts.units && diskLoader(opts.units) === undefined)
          throw new UsageError(`không đọc được danh bạ / cannot read the unit directory: ${opts.units}`);
        if (
          opts.year !== undefined &&
          !(Number.isInteger(opts.year) && opts.year >= 2000 && opts.year <= 2100)
        )
          throw new UsageError('--year: một năm như 2027 / a year such as 2027');
        const entry = opts.out ?? 'ke-hoach.dondoc';
        let result;
        try {
          result = await importPlan(bytes, {
            fileName: basename(file),
            entry,
            ...(opts.units ? { units: opts.units, sources: diskLoader } : {}),
            ...(opts.year !== undefined ? { year: opts.year } : {}),
            ...(opts.issuer ? { issuer: opts.issuer } : {}),
          });
        } catch (err) {
          if (err instanceof ImportRefused) throw new UsageError(`${err.text.vi} / ${err.text.en}`);
          throw err;
        }
        if (opts.out) writeFileSync(opts.out, result.text);
        else process.stdout.write(result.text);
        const { rows, clean } = result.figures;
        if (opts.json && opts.out)
          process.stdout.write(
            JSON.stringify(
              { figures: result.figures, table: result.table, warnings: result.warnings },
              null,
              2,
            ) + '\n',
          );
        else {
          for (const w of result.warnings)
            process.stderr.write(renderImportWarning(w, basename(file), entry, opts.messages) + '\n');
          process.stderr.write(
            `${basename(file)}: ${clean}/${rows} dòng nhập không cảnh báo / rows imported without a warning; ${entry}: ${summary(result.diagnostics)}\n`,
          );
        }
        process.exitCode = result.diagnostics.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
      },
    );
}
