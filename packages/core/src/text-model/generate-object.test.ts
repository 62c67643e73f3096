import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { extractJsonCandidates } from './extract-json.js';
import { generateObject } from './generate-object.js';
import { createScriptedTextModel } from './scripted-text-model.js';

const Person = z.object({ name: z.string(), age: z.number().int().min(0) });

describe('extractJsonCandidates', () => {
  it('finds whole, fenced and embedded JSON', () => {
    expect(extractJsonCandidates('{"a":1}')).toEqual([{ a: 1 }]);
    expect(extractJsonCandidates('Here:\n```json\n{"a":1}\n```\nDone.')[0]).toEqual({ a: 1 });
    expect(extractJsonCandidates('Sure! {"a":"}{"} hope that helps')).toEqual([{ a: '}{' }]);
    expect(extractJsonCandidates('no json here')).toEqual([]);
  });
});

describe('generateObject', () => {
  it('accepts fenced JSON', async () => {
    const model = createScriptedTextModel(['```json\n{"name":"Ada","age":36}\n```']);
    const result = await generateObject(model, Person, { messages: [{ role: 'user', content: 'Who?' }] });
    expect(result).toMatchObject({ object: { name: 'Ada', age: 36 }, attempts: 1 });
    expect(model.requests[0]?.messages?.[0]?.role).toBe('system');
    expect(model.requests[0]?.messages?.[0]?.content).toContain('"age"');
  });
  it('accepts JSON followed by trailing prose', async () => {
    const model = createScriptedTextModel(['{"name":"Ada","age":36} -- I hope this helps!']);
    expect((await generateObject(model, Person, { prompt: 'Who?' })).object).toEqual({ name: 'Ada', age: 36 });
  });
  it('repairs one invalid field with the zod issue in the repair message', async () => {
    const model = createScriptedTextModel(['{"name":"Ada","age":"thirty-six"}', '{"name":"Ada","age":36}']);
    const result = await generateObject(model, Person, { messages: [{ role: 'user', content: 'Who?' }] });
    expect(result).toMatchObject({ object: { age: 36 }, attempts: 2, usage: { output: 2 } });
    const repair = model.requests[1]?.messages?.at(-1);
    expect(repair?.role).toBe('user');
    expect(repair?.content).toContain('age');
    expect(model.requests[1]?.messages?.at(-2)).toEqual({ role: 'assistant', content: '{"name":"Ada","age":"thirty-six"}' });
  });
  it('repairs in completion mode by extending the prompt', async () => {
    const model = createScriptedTextModel(['nope', '{"name":"B","age":1}']);
    const result = await generateObject(model, Person, { prompt: 'P:' });
    expect(result.attempts).toBe(2);
    expect(model.requests[1]?.prompt).toContain('nope');
  });
  it('throws OBJECT_GENERATION_FAILED with raw text and issues after N failures', async () => {
    const model = createScriptedTextModel({ replies: ['{"name":"Ada"}'], loop: true });
    const error = await generateObject(model, Person, { prompt: 'x', maxRepairs: 2 }).catch((e: unknown) => e);
    expect(ReasonkitError.is(error, 'OBJECT_GENERATION_FAILED')).toBe(true);
    const e = error as ReasonkitError;
    expect(e.details.text).toBe('{"name":"Ada"}');
    expect(e.details.issues).toEqual([expect.objectContaining({ path: 'age' })]);
    expect(e.details.attempts).toHaveLength(3);
    expect(model.requests).toHaveLength(3);
  });
  it('never crashes on arbitrary text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), async (a, b) => {
        const model = createScriptedTextModel([a, b]);
        try {
          const result = await generateObject(model, Person, { prompt: 'x', maxRepairs: 1 });
          expect(Person.safeParse(result.object).success).toBe(true);
        } catch (error) {
          expect(ReasonkitError.is(error, 'OBJECT_GENERATION_FAILED')).toBe(true);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });
  it('property: JSON of a valid object embedded in arbitrary prose is recovered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ name: fc.string(), age: fc.nat() }),
        fc.string({ maxLength: 40 }).filter((s) => !/[[\]{}]/.test(s)),
        fc.string({ maxLength: 40 }).filter((s) => !/[[\]{}]/.test(s)),
        async (person, before, after) => {
          const model = createScriptedTextModel([`${before}${JSON.stringify(person)}${after}`]);
          expect((await generateObject(model, Person, { prompt: 'x', maxRepairs: 0 })).object).toEqual(person);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
