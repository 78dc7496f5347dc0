import type { EffectiveHeader } from './model.js';

/**
 * What a plan code may be: the plan's identity, the prefix of every assignment id (`<code>/<task>/<unit>`), the
 * plan workflow's id and a URL segment — lower-case ASCII letters, digits, `-` and `_`.
 */
export const PLAN_CODE = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * The plan's identity: the header's explicit code (`mã: "…"` / `code: "…"`), else `cchc-<year>-<issuer>`
 * (the identity of plans published before codes existed). Two different plans of one issuer and year must
 * give themselves different codes: publishing refuses a new plan whose identity is taken.
 */
export function planCodeOf(header: Pick<EffectiveHeader, 'code' | 'year' | 'issuer'>, year: number): string {
  if (header.code) return header.code.value;
  return `cchc-${year}-${(header.issuer?.text ?? 'plan').replace(/_/g, '-')}`;
}
