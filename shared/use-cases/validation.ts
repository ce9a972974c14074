import type * as z from 'zod';
import { ValidationError } from '../errors.js';

/** Parses with a schema, or throws the contract's VALIDATION_FAILED with one detail per issue. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    `the ${what} is not valid`,
    parsed.error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    })),
  );
}
