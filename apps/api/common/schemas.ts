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
/** A person's login: what the seed gives, or the e-mail address an invitation was sent to (in lower case). */
export const login = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_.@-]{1,99}$/);
/**
 * An e-mail address, one rule for the API and its document (a pattern, not `format: email`, whose meaning differs
 * between validators): dot-separated words of letters, digits, `_` and `-`, then a domain with a letter-only top
 * level. It becomes the person's login in lower case, so every address it accepts is a login too.
 */
export const email = z
  .string()
  .max(100)
  // Each part unambiguous (no backtracking to speak of): labels of letters and digits joined by hyphens.
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*@[A-Za-z0-9]+(-+[A-Za-z0-9]+)*(\.[A-Za-z0-9]+(-+[A-Za-z0-9]+)*)*\.[A-Za-z]{2,63}$/,
  )
  .transform((s) => s.toLowerCase());
/** true or false in a query string. */
export const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const LABEL = '[A-Za-z0-9]+(-+[A-Za-z0-9]+)*';
/** An IPv4 address, or names whose last one starts with a letter (a last label of digits would be read as IPv4). */
const HOST = `(${OCTET}(\\.${OCTET}){3}|(${LABEL}\\.)*[A-Za-z][A-Za-z0-9]*(-+[A-Za-z0-9]+)*)`;
const PORT = '(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?';
/** Bidirectional controls: refused in any text before a route runs (SAFE below). */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/**
 * A web address: http or https, a host, then anything but spaces and controls (bidirectional ones too). A
 * javascript: or data: link would be a trap in the reports and the e-mails. One pattern is the whole rule, so the
 * document states what the API takes; everything it matches is a URL the WHATWG parser reads
 * (test/unit/schemas.test.ts).
 */
export const HTTP_LINK = new RegExp(
  `^[hH][tT][tT][pP][sS]?://${HOST}${PORT}([/?#][^\\u0000-\\u0020\\u007f${BIDI}]*)?$`,
);
export const httpLink = z.string().max(2000).regex(HTTP_LINK);

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

// Answers. A response schema is checked against the service's own type where the service has no zod of its own:
// `true satisfies Describes<typeof Schema, ServiceType>` fails to compile when a field is added, dropped or
// retyped on one side only. The document closes these objects (no other property), so the contract tier fails
// on an answer that grew a field the document does not state.

/** What JSON makes of a value: a Date becomes its ISO string. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
/**
 * The schema names exactly the fields of the service's answer, each with a type the service's may take (a field
 * the service may leave undefined is an optional one: JSON leaves it out).
 */
export type Describes<S extends z.ZodType, T> = [keyof z.output<S>] extends [keyof Wire<T>]
  ? [keyof Wire<T>] extends [keyof z.output<S>]
    ? Required<z.output<S>> extends Required<Wire<T>>
      ? true
      : false
    : false
  : false;
/** An instant as JSON writes a Date. */
export const instant = z.iso.datetime();
