import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSSE } from './sse-parser.js';

async function* chunksOf(text: string, cuts: number[]) {
  const bytes = new TextEncoder().encode(text);
  let last = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    yield bytes.slice(last, cut);
    last = cut;
  }
  yield bytes.slice(last);
}

async function events(text: string, cuts: number[] = []) {
  const out: string[] = [];
  for await (const data of parseSSE(chunksOf(text, cuts))) out.push(data);
  return out;
}

describe('parseSSE', () => {
  it('yields data payloads, joining multi-line data and skipping comments and other fields', async () => {
    expect(await events('data: a\n\n: comment\nevent: x\ndata: b\ndata:c\n\nid: 1\n\ndata: [DONE]\n\n')).toEqual(['a', 'b\nc', '[DONE]']);
  });
  it('handles CRLF and CR line endings', async () => {
    expect(await events('data: a\r\n\r\ndata: b\r\rdata: c\n\n')).toEqual(['a', 'b', 'c']);
  });
  it('discards an event the stream ends before closing with a blank line (SSE spec)', async () => {
    expect(await events('data: a\n\ndata: unfinished')).toEqual(['a']);
    expect(await events('data: a\n\ndata: unfinished\n')).toEqual(['a']);
  });
  it('a trailing CR at end of stream ends the line and is not part of the value', async () => {
    expect(await events('data: a\r\r')).toEqual(['a']);
    expect(await events('data: a\r\n\r')).toEqual(['a']);
    expect(await events('data: a\r')).toEqual([]);
  });
  it('property: any chunking (even inside UTF-8 sequences and CRLF) gives the same events', async () => {
    const text = 'data: {"t":"héllo 😀"}\r\n\r\n: ping\n\ndata: x\ndata: y\n\ndata: [DONE]\n\n';
    const expected = await events(text);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 80 }), { maxLength: 12 }), async (cuts) => {
        expect(await events(text, cuts)).toEqual(expected);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
