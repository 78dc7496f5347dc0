// What people read: deadlines, dates, periods and numbers, computed once for every surface (web, e-mail, one-click
// pages, reports, iCal, CLI). Pure and browser-safe: it imports only the calendar's arithmetic.
export * from './dates.js';
export * from './deadline.js';
export * from './numbers.js';
export * from './steps.js';
export { withoutBidiControls } from '../../dsl/text/unsafe-text.js';
