// The working-day calendar of Đôn Đốc. Workflow code imports './workdays.js' alone; everything else
// (lunar arithmetic, holiday rules, override data, ICS import) runs at plan compile time.

export * from './calendar.js';
export {
  HOLIDAY_NAMES,
  type HolidayKey,
  type HolidayName,
  statutoryHolidays,
  baseDaysOff,
} from './holidays.js';
export { IcsImportError, type IcsIssue, overridesToIcs, parseIcsOverrides } from './ics.js';
export {
  addDays,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isLocalDate,
  isWeekend,
  type LocalDate,
  toDayNumber,
  weekday,
  type Weekday,
} from './local-date.js';
export * from './local-time.js';
export { type LunarDate, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.js';
export * from './overrides.js';
export { serializedCalendarSchema } from './serialized.js';
export { OutsideCalendarWindowError, type SerializedCalendar } from './workdays.js';
export * as workdays from './workdays.js';
