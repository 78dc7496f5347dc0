// The input pieces the routes share, so that one kind of value has one bound everywhere (a plan code is at most
// 100 characters in every query, path and body). Patterns use explicit ASCII classes: the OpenAPI document is read
// by tools whose regular expressions take \d and \w as Unicode, and what they generate must be what we accept.
import { z } from 'zod';

/** A plan's code, as the language derives it (dsl/plan-code). */
export const planCode = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/);
/** A unit's (or an area's, an indicator's, a report's) code. */
export const unitCode = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_]+$/);
/** A calendar date that exists (2027-02-30 does not). */
export const localDate = z.iso.date('YYYY-MM-DD');
/** An assignment's id: plan/task/unit[/occurrence]. */
export const assignmentId = z.string().min(1).max(300);
/** A client's key for a retried request (body `requestId` or the Idempotency-Key header). */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/);
/** The Idempotency-Key header of the routes that honour it. */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': idempotencyKey
    .optional()
    .describe('Khóa chống gửi lặp / Idempotency key: a retry with the same key does the action once'),
});
/** true or false in a query string. */
export const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
/** A web address: a javascript: or data: link would be a trap in the reports and the e-mails. */
export const httpLink = z
  .url({ protocol: /^https?$/ })
  .regex(/^[hH][tT][tT][pP][sS]?:\/\/[A-Za-z0-9]/)
  .max(2000);

/** What the edge refuses in any text (dsl/text/unsafe-text.ts): NUL and bidirectional controls. */
// eslint-disable-next-line no-control-regex -- refusing NUL is the point
const SAFE = /^[^\u0000\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/;
/** At least one character that String.prototype.trim keeps (spelled out: \S differs between languages). */
const NON_BLANK = /[^\t-\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Text as people write it: trimmed, not blank, stored in NFC (the form reports, search and e-mails expect). */
export const text = (max: number) =>
  z.string().regex(SAFE).regex(NON_BLANK).trim().normalize('NFC').min(1).max(max);
/** Text kept as sent (plan sources). */
export const rawText = (max: number) => z.string().regex(SAFE).max(max);
