import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../shared/http/strict-json.js';

const refusal = (text: string) => {
  try {
    parseStrictJson(text);
    return undefined;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
};

describe('the strict JSON reader of request bodies', () => {
  it('given a key twice in one object, then it is refused, at any depth', () => {
    expect(refusal('{"voters":1,"voters":2}')).toEqual({
      code: 'INVALID_JSON',
      message: 'the key "voters" appears twice in one object',
    });
    expect(refusal('{"candidateVotes":{"C1":1,"C2":2,"C1":3}}')?.code).toBe('INVALID_JSON');
  });

  it('given the same key in different objects, then it is fine', () => {
    expect(parseStrictJson('{"a":{"b":1},"b":[{"b":2},{"b":3}]}')).toEqual({
      a: { b: 1 },
      b: [{ b: 2 }, { b: 3 }],
    });
  });

  it('given a prototype key, even escaped, then it is refused', () => {
    for (const text of [
      '{"__proto__":{"admin":true}}',
      '{"\\u005f_proto__":{}}',
      '{"a":{"constructor":{"prototype":1}}}',
    ])
      expect(refusal(text)?.code).toBe('INVALID_JSON');
  });

  it('given what JSON.parse refuses (comments, trailing commas, truncation), then it is refused', () => {
    for (const text of ['{"a":1,}', '{"a":1 /* c */}', '{"a":', '', 'NaN', "{'a':1}"])
      expect(refusal(text)?.code).toBe('INVALID_JSON');
  });

  it('given any JSON value without repeated keys, then it reads exactly what JSON.parse reads (property)', () => {
    const safeKey = fc.string().filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(
          fc.string(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.boolean(),
          fc.constant(null),
        ),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(safeKey, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });
});
