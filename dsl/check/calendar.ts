import { createWorkingCalendar, type WorkingCalendar } from '../calendar/calendar.js';
import { IcsImportError, parseIcsOverrides } from '../calendar/ics.js';
import { VIETNAM_OVERRIDES } from '../calendar/overrides.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolvePath, type Loader } from './load.js';
import { DEFAULT_CALENDAR, type PlanModel } from './model.js';

/**
 * The plan's working-day calendar: the bundled Vietnamese one ("vn"), or that one plus the overrides of an ICS
 * file named relative to the file that sets it (decreed Tết spans, swapped Saturdays, new holidays).
 * Fills model.calendarOverrides; reports a missing file (DD3004) or a bad calendar (DD4022).
 */
export function loadCalendar(model: PlanModel, load: Loader): Diagnostic[] {
  const name = model.header.calendar;
  const loc = model.header.calendarLoc;
  if (name === DEFAULT_CALENDAR || !loc) return [];
  if (!name.toLowerCase().endsWith('.ics')) {
    return [
      diagnostic('DD4022', loc.file, loc.range, {
        calendar: name,
        detail: 'không phải "vn" hay tệp .ics',
        detailEn: 'neither "vn" nor an .ics file',
      }),
    ];
  }
  const path = resolvePath(loc.file, name);
  const text = load(path);
  if (text === undefined) return [diagnostic('DD3004', loc.file, loc.range, { path })];
  try {
    model.calendarOverrides = parseIcsOverrides(text);
    return [];
  } catch (err) {
    const issues = err instanceof IcsImportError ? err.issues : [{ line: 1, message: String(err) }];
    const first = issues[0]!;
    const detail = `dòng ${first.line}: ${first.message}${issues.length > 1 ? ` (+${issues.length - 1})` : ''}`;
    return [
      diagnostic('DD4022', loc.file, loc.range, {
        calendar: name,
        detail,
        detailEn: detail.replace(/^dòng/, 'line'),
      }),
    ];
  }
}

/** The working calendar the checker and the compiler use for a model. */
export function workingCalendarOf(model: PlanModel): WorkingCalendar {
  return model.calendarOverrides.length
    ? createWorkingCalendar({ overrides: [...VIETNAM_OVERRIDES, ...model.calendarOverrides] })
    : createWorkingCalendar();
}
