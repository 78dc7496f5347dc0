import { type PipeTransform } from '@nestjs/common';
import { toJSONSchema, type z } from 'zod';
import { AppError } from './problem.filter.js';

/** Validates with a zod schema (the same schemas serve the API, the workflows and the UI). */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
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

export const ZodBody = <T extends z.ZodType>(schema: T) => new ZodPipe(schema);

/** The JSON Schema of a zod schema, for the OpenAPI document (what the pipe accepts). */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
