import { mulberry32 } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { DIALECTS, lastBlock, parseTurn, type Dialect } from './tags.js';

type Want = { action: 'tool' | 'answer' | 'none'; answer?: string; question?: string; queries?: string[][]; ok?: boolean[]; think?: string[] };
const tc = (q: unknown, name = 'retrieve') => `<tool_call>${JSON.stringify({ name, arguments: { query: q } })}</tool_call>`;
const vt = (q: unknown) => `<tool_call>${JSON.stringify({ name: 'search', arguments: { query_list: q } })}</tool_call>`;

// [dialect, text, expected]
const FIXTURES: [Dialect, string, Want][] = [
  // --- asl: answers
  ['asl', '<answer>Paris</answer>', { action: 'answer', answer: 'Paris' }],
  ['asl', '<answer> Paris </answer>', { action: 'answer', answer: 'Paris' }],
  ['asl', '<answer>a</answer><answer>b</answer>', { action: 'answer', answer: 'b' }],
  ['asl', '<answer>a</answer> text <answer>  </answer>', { action: 'none' }],
  ['asl', '<answer></answer>', { action: 'none' }],
  ['asl', '<answer>Paris', { action: 'none' }],
  ['asl', 'Paris</answer>', { action: 'none' }],
  ['asl', '<answer>x</answer><answer>unclosed', { action: 'answer', answer: 'x' }],
  ['asl', '<answer>outer <answer>inner</answer>', { action: 'answer', answer: 'inner' }],
  ['asl', '<think>hmm</think><answer>Rome</answer>', { action: 'answer', answer: 'Rome', think: ['hmm'] }],
  ['asl', '<think>a</think><think>b</think>', { action: 'none', think: ['a', 'b'] }],
  ['asl', '<think>unclosed', { action: 'none', think: [] }],
  ['asl', '', { action: 'none' }],
  ['asl', 'just text', { action: 'none' }],
  ['asl', '<ANSWER>caps</ANSWER>', { action: 'none' }],
  ['asl', '<answer>multi\nline</answer>', { action: 'answer', answer: 'multi\nline' }],
  ['asl', '<answer>東京</answer>', { action: 'answer', answer: '東京' }],
  ['asl', '<answer><b>x</b></answer>', { action: 'answer', answer: '<b>x</b>' }],
  // --- asl: tool calls
  ['asl', tc('capital of France'), { action: 'tool', queries: [['capital of France']], ok: [true] }],
  ['asl', tc(['a', 'b']), { action: 'tool', queries: [['a', 'b']], ok: [true] }],
  ['asl', tc('q1') + tc('q2'), { action: 'tool', queries: [['q1'], ['q2']], ok: [true, true] }],
  ['asl', tc('q1') + '\n' + tc(['q2', 'q3']) + tc('q4'), { action: 'tool', queries: [['q1'], ['q2', 'q3'], ['q4']], ok: [true, true, true] }],
  ['asl', '<tool_call>{"name":"retrieve","arguments":{"query":"x"</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call>not json</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call></tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call>[1,2]</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call>"str"</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call>null</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call>{"arguments":{"query":"x"}}</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call>{"name":"retrieve"}</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', '<tool_call>{"name":"retrieve","arguments":{}}</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', tc(42), { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', tc(''), { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', tc([]), { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', tc(['a', 1]), { action: 'tool', queries: [[]], ok: [false] }],
  ['asl', tc('good') + '<tool_call>{bad</tool_call>', { action: 'tool', queries: [['good'], []], ok: [true, false] }],
  ['asl', tc('q') + '<answer>A</answer>', { action: 'answer', answer: 'A', queries: [['q']], ok: [true] }],
  ['asl', '<answer>A</answer>' + tc('q'), { action: 'answer', answer: 'A', queries: [['q']], ok: [true] }],
  ['asl', '<tool_call>' + JSON.stringify({ name: 'retrieve', arguments: { query: 'x' } }), { action: 'none' }],
  ['asl', ' <tool_call> {"name":"retrieve","arguments":{"query":"spaced"}} </tool_call> ', { action: 'tool', queries: [['spaced']], ok: [true] }],
  ['asl', tc('a "quoted" query'), { action: 'tool', queries: [['a "quoted" query']], ok: [true] }],
  ['asl', tc('x', 'other_tool'), { action: 'tool', queries: [['x']], ok: [true] }],
  ['asl', '<think>plan</think>' + tc('q') + '<tool_response>fake</tool_response>', { action: 'tool', queries: [['q']], ok: [true], think: ['plan'] }],
  // --- asl: question blocks
  ['asl', '<question>What is X?</question><answer>Y</answer>', { action: 'answer', answer: 'Y', question: 'What is X?' }],
  ['asl', '<question>q1?</question><question>q2?</question>', { action: 'none', question: 'q2?' }],
  ['asl', '<question>  </question>', { action: 'none' }],
  ['asl', '<question>open', { action: 'none' }],
  ['asl', '<question>Who?</question>', { action: 'none', question: 'Who?' }],
  // --- search-r1
  ['search-r1', '<search>capital of France</search>', { action: 'tool', queries: [['capital of France']], ok: [true] }],
  ['search-r1', '<answer>Paris</answer>', { action: 'answer', answer: 'Paris' }],
  ['search-r1', '<search>q1</search><search>q2</search>', { action: 'tool', queries: [['q1']], ok: [true] }],
  ['search-r1', '<search>q</search><answer>A</answer>', { action: 'tool', queries: [['q']], ok: [true] }],
  ['search-r1', '<answer>A</answer><search>q</search>', { action: 'answer', answer: 'A' }],
  ['search-r1', '<think>x</think><search> spaced </search>', { action: 'tool', queries: [['spaced']], ok: [true], think: ['x'] }],
  ['search-r1', '<search></search>', { action: 'tool', queries: [[]], ok: [false] }],
  ['search-r1', '<answer> </answer>', { action: 'none' }],
  ['search-r1', '<search>unclosed', { action: 'none' }],
  ['search-r1', '<answer>unclosed', { action: 'none' }],
  ['search-r1', 'nothing', { action: 'none' }],
  ['search-r1', '', { action: 'none' }],
  ['search-r1', tc('q'), { action: 'none' }],
  ['search-r1', '<search>multi\nline</search>', { action: 'tool', queries: [['multi\nline']], ok: [true] }],
  ['search-r1', '<search>a</answer>', { action: 'none' }],
  ['search-r1', '<answer>a</search><answer>b</answer>', { action: 'answer', answer: 'a</search><answer>b' }],
  ['search-r1', '<think>t</think>\n<answer>1990</answer>', { action: 'answer', answer: '1990', think: ['t'] }],
  ['search-r1', '<information>doc</information><answer>x</answer>', { action: 'answer', answer: 'x' }],
  // --- verl-tool
  ['verl-tool', vt(['a', 'b']), { action: 'tool', queries: [['a', 'b']], ok: [true] }],
  ['verl-tool', vt('single'), { action: 'tool', queries: [['single']], ok: [true] }],
  ['verl-tool', vt([]), { action: 'tool', queries: [[]], ok: [false] }],
  ['verl-tool', tc('wrong field'), { action: 'tool', queries: [[]], ok: [false] }],
  ['verl-tool', vt(['a']) + vt(['b']), { action: 'tool', queries: [['a'], ['b']], ok: [true, true] }],
  ['verl-tool', '<tool_call>{oops}</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['verl-tool', vt(['q']) + '<answer>A</answer>', { action: 'answer', answer: 'A', queries: [['q']], ok: [true] }],
  ['verl-tool', '<answer>A</answer>', { action: 'answer', answer: 'A' }],
  ['verl-tool', '<answer></answer>', { action: 'none' }],
  ['verl-tool', '', { action: 'none' }],
  ['verl-tool', '<tool_call>' + JSON.stringify({ name: 'search', arguments: { query_list: ['x'] } }), { action: 'none' }],
  ['verl-tool', '<think>a</think>' + vt(['x']), { action: 'tool', queries: [['x']], ok: [true], think: ['a'] }],
  ['verl-tool', vt([1, 2]), { action: 'tool', queries: [[]], ok: [false] }],
  ['verl-tool', '<tool_call>{"name":"search","arguments":"str"}</tool_call>', { action: 'tool', queries: [[]], ok: [false] }],
  ['verl-tool', '<tool_call>{"name":"search","arguments":{"query_list":["x"],"topk":5}}</tool_call>', { action: 'tool', queries: [['x']], ok: [true] }],
];

describe('parseTurn fixtures (T1)', () => {
  it('has at least 80 fixtures over the 3 dialects', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(80);
    for (const d of DIALECTS) expect(FIXTURES.some(([dd]) => dd === d)).toBe(true);
  });
  it.each(FIXTURES.map((f, i) => [i, ...f] as const))('#%i %s %j', (_i, dialect, text, want) => {
    const got = parseTurn(text, dialect);
    expect(got.action).toBe(want.action);
    expect(got.answer).toBe(want.answer);
    if ('question' in want || dialect === 'asl') expect(got.question).toBe(want.question);
    expect(got.toolCalls.map((c) => c.queries)).toEqual(want.queries ?? []);
    expect(got.toolCalls.map((c) => c.ok)).toEqual(want.ok ?? []);
    if (want.think) expect(got.think).toEqual(want.think);
    for (const c of got.toolCalls) if (!c.ok) expect(c.error).toMatch(/\w/);
  });
  it('records topk asked by the model', () => {
    expect(parseTurn('<tool_call>{"name":"retrieve","arguments":{"query":"x","topk":7}}</tool_call>', 'asl').toolCalls[0]!.topk).toBe(7);
  });
});

describe('parseTurn fuzz (T1)', () => {
  it('never throws on 10k random strings built from tag fragments', () => {
    const random = mulberry32(1234);
    const parts = ['<answer>', '</answer>', '<think>', '</think>', '<tool_call>', '</tool_call>', '<search>', '</search>', '<question>', '</question>', '{', '}', '"', 'query', ':', '[', ']', ' ', 'x', '?', '\n', '\\', 'name', 'arguments', '<', '>', '/', '東'];
    for (let i = 0; i < 10_000; i++) {
      let s = '';
      const n = Math.floor(random() * 30);
      for (let j = 0; j < n; j++) s += parts[Math.floor(random() * parts.length)];
      for (const d of DIALECTS) {
        const r = parseTurn(s, d);
        expect(['tool', 'answer', 'none']).toContain(r.action);
        if (r.answer !== undefined) expect(r.answer.trim()).not.toBe('');
      }
    }
  });
  it('parses a 1 MB turn (timing is benchmarked, not asserted here)', () => {
    const big = '<think>' + 'x '.repeat(500_000) + '</think><answer>ok</answer>';
    expect(parseTurn(big, 'asl').answer).toBe('ok');
  });
  it('lastBlock ignores an unmatched close at the start', () => {
    expect(lastBlock('</answer>', 'answer')).toBeUndefined();
    expect(lastBlock('<answer></answer>', 'answer')).toBeUndefined();
  });
});
