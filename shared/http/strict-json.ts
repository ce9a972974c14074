import { visit } from 'jsonc-parser';
import { InvalidJsonError } from '../errors.js';

/** Keys that reach for an object's prototype in code that merges or copies bodies. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse, stricter: a key twice in one object (JSON.parse silently keeps the last, so two
 * readers could see two different counts) and the prototype keys are refused, even when spelt
 * with escapes. Anything else JSON.parse refuses is refused too.
 */
export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidJsonError('the body is not valid JSON');
  }
  const open: Set<string>[] = [];
  let problem: string | undefined;
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push(new Set());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (key) => {
        const keys = open.at(-1);
        if (FORBIDDEN_KEYS.has(key)) problem ??= `the key "${key}" is not allowed`;
        else if (keys?.has(key)) problem ??= `the key "${key.slice(0, 64)}" appears twice in one object`;
        keys?.add(key);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  if (problem) throw new InvalidJsonError(problem);
  return value;
}
