import { type PipeTransform } from '@nestjs/common';
import { toJSONSchema, type z } from 'zod';
import { AppError } from './problem.filter.js';

/** Validates with a zod schema (the same schemas serve the API, the workflows and the UI). */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    // Well-formed but refused for what it says, by a rule no JSON Schema can state (refusal() below): 422.
    const semantic = parsed.error.issues.map(refusalOf);
    if (semantic.length > 0 && semantic.every(Boolean)) {
      const first = semantic[0]!;
      throw new AppError(
        422,
        first.code,
        first.vi,
        first.en,
        parsed.error.issues.map((i) => ({
          path: i.path.join('.'),
          reason: refusalOf(i)!.code,
          message: i.message,
        })),
      );
    }
    // An unknown field or query parameter is named in the path, so the caller sees which one was refused.
    const details = parsed.error.issues.flatMap((i): { path: string; reason: string; message: string }[] =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({
            path: [...i.path, k].join('.'),
            reason: i.code,
            message: `Unknown field "${k}"`,
          }))
        : [{ path: i.path.join('.'), reason: i.code, message: i.message }],
    );
    throw new AppError(400, 'validation_failed', 'Dữ liệu không hợp lệ', 'Invalid input', details);
  }
}

/** What a semantic rule says when it refuses: its stable code and the message in both languages. */
interface Refusal {
  code: string;
  vi: string;
  en: string;
}

/**
 * The options of a `.refine()` whose rule the OpenAPI document cannot state (the entry file is one of the files):
 * an input valid in shape that breaks it is answered 422 with this code, as the API answers every content it
 * refuses for what it says; 400 stays for what the document describes (docs/security.md).
 */
export function refusal(code: string, vi: string, en: string, path?: string[]) {
  return { message: en, ...(path ? { path } : {}), params: { refusal: { code, vi, en } satisfies Refusal } };
}

function refusalOf(issue: z.core.$ZodIssue): Refusal | undefined {
  if (issue.code !== 'custom') return undefined;
  return (issue.params as { refusal?: Refusal } | undefined)?.refusal;
}

export const ZodBody = <T extends z.ZodType>(schema: T) => new ZodPipe(schema);

/** The JSON Schema of a zod schema, for the OpenAPI document (what the pipe accepts). */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
