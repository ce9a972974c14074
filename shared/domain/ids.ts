import * as z from 'zod';

const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every id in the contract: elections, sections, slots, candidates, lists, questions. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1 to 64 characters of A-Z, a-z, 0-9, _ and -')
  // Ids become object keys; these names would reach an object's prototype.
  .refine((id) => !RESERVED_IDS.has(id), 'this id is reserved');

/** The largest count a single section may report; far above any real polling station. */
export const MAX_COUNT = 10_000_000;

/** A vote or ballot count: a non-negative integer, bounded so sums stay exact. */
export const CountSchema = z.number().int().min(0).max(MAX_COUNT);
