import { describe, expect, it } from 'vitest';
import { detectToolCall, parseCallExpression } from './tool-call-parser.js';

const tools = new Set(['node_search', 'node_relation', 'get_random_nodes', 'semantic_search']);

describe('text tool-call protocol', () => {
  it('parses strings with escapes, integers, lists and JSON arguments', () => {
    expect(parseCallExpression(`node_search(query="graph \\"neural\\" nets", k=5)`)).toEqual({ ok: true, call: { name: 'node_search', args: { query: 'graph "neural" nets', k: 5 }, text: `node_search(query="graph \\"neural\\" nets", k=5)` } });
    const r = parseCallExpression(`node_relation(names=['a', "b"])`);
    expect(r.ok && r.call.args).toEqual({ names: ['a', 'b'] });
    const j = parseCallExpression(`get_random_nodes({"number": 3})`);
    expect(j.ok && j.call.args).toEqual({ number: 3 });
    expect(parseCallExpression('node_search(query=)').ok).toBe(false);
  });
  it('needs the marker or a stop-ended last line', () => {
    expect(detectToolCall('I will search.\nnode_search(query="x")<CALL>', 'stop', tools)?.first).toMatchObject({ ok: true, call: { name: 'node_search' } });
    expect(detectToolCall('I will search.\nnode_search(query="x")', 'stop', tools)?.first).toMatchObject({ ok: true });
    expect(detectToolCall('I will search.\nnode_search(query="x")', 'length', tools)).toBeUndefined();
    expect(detectToolCall('Mentioning node_search(query="x") in prose.\nThen more prose.', 'stop', tools)).toBeUndefined();
  });
  it('runs the first of several calls and counts the dropped ones', () => {
    const d = detectToolCall('node_search(query="a")\nget_random_nodes(number=3)\n<CALL>', 'stop', tools);
    expect(d?.first).toMatchObject({ ok: true, call: { name: 'node_search', args: { query: 'a' } } });
    expect(d?.dropped).toBe(1);
  });
  it('an unknown tool is reported, not thrown', () => {
    const d = detectToolCall('web_browse(url="x")<CALL>', 'stop', tools);
    expect(d?.first).toMatchObject({ ok: false, error: 'unknown tool web_browse' });
  });
});
