import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../result/render-html.js';
import { renderSvg } from '../result/render-svg.js';
import { toKnowMri } from '../result/to-know-mri.js';
import { bucketMaxAbs } from '../math/stats.js';
import { fromKnowMri, KNOW_MRI_METHODS } from './from-know-mri.js';

const fixture = (method: string): unknown => JSON.parse(readFileSync(new URL(`./__fixtures__/${method.replace(/ /g, '-').toLowerCase()}.json`, import.meta.url), 'utf8'));

describe('fromKnowMri (hand-written fixtures in each Know-MRI shape)', () => {
  it('imports all eleven methods without warnings and renders them through the same chart code', () => {
    const results = KNOW_MRI_METHODS.map((m) => fromKnowMri(fixture(m), m, { modelId: 'gpt2-xl' }));
    for (const r of results) {
      expect(r.warnings, r.method).toEqual([]);
      expect(r.tables.length + r.charts.length, r.method).toBeGreaterThan(0);
      for (const c of r.charts) expect(renderSvg(c)).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
    const html = renderHtml(results);
    expect(html.match(/<section>/g)).toHaveLength(11);
    expect(html).not.toMatch(/<script/);
  });

  it('normalises the malformed contract: tabel_des/tabel_res, image "", origin_data.imgs', () => {
    const kn = fromKnowMri(fixture('KN'), 'KN');
    const t = kn.tables.find((x) => x.name === 'Top neurons')!;
    expect(t.description).toBe('neurons ranked by attribution');
    expect(t.summary).toBe('L0.U150 stands out');
    expect(t.rows[0]!['Corresponding top tokens']).toBe('park, lake, zoo');
    expect(kn.charts.map((c) => c.kind)).toEqual(['heatmap', 'image']);
    expect(kn.charts[1]!.data).toEqual({ src: '/tmp/kn_heatmap.png' });
    expect((kn.raw as Record<string, unknown>).imgs).toBeUndefined();
    const heat = kn.charts[0]!;
    if (heat.kind !== 'heatmap') throw new Error('expected a heatmap');
    expect(heat.data.values).toEqual([[0.1, 0.9], [0, 0]]);
    const aw = fromKnowMri(fixture('Attention Weights'), 'Attention Weights');
    expect(aw.charts.map((c) => c.name)).toEqual(['Layer 0 head 0', 'Layer 0 head 1', 'Image 1']);
    expect((aw.charts[2]!.data as { src: string }).src).toMatch(/^data:image\/png;base64,iVBOR/);
  });

  it('imported causal traces get the same three heatmaps as native ones', () => {
    const r = fromKnowMri(fixture('CausalTracing'), 'CausalTracing');
    expect(r.charts.slice(0, 3).map((c) => c.name)).toEqual(['Restoring state score', 'Restoring MLP score', 'Restoring Attn score']);
    const state = r.charts[0]!;
    if (state.kind !== 'heatmap') throw new Error('expected a heatmap');
    expect(state.data.rows).toEqual(['<s>', ' little*', ' girl*', ' named']);
    expect(state.data.floor).toBe(0.01);
  });

  it('circuits become a graph chart with q/k/v edges; out-of-graph edges dropped', () => {
    const r = fromKnowMri(fixture('KnowledgeCircuits'), 'KnowledgeCircuits');
    const g = r.charts[0]!;
    if (g.kind !== 'graph') throw new Error('expected a graph');
    expect(g.data.edges).toHaveLength(5);
    expect(g.data.edges.find((e) => e.from === 'input' && e.to === 'a0.h1')!.kind).toBe('q');
    expect(g.data.nodes.find((n) => n.id === 'input')!.layer).toBe(0);
    expect(renderSvg(g)).toContain('stroke="#e15759"');
  });

  it('unknown shapes and methods yield a warning, never a crash', () => {
    expect(fromKnowMri({ origin_data: { weird: 1 } }, 'CausalTracing').warnings[0]).toMatch(/unexpected shape/);
    expect(fromKnowMri({ origin_data: 3 }, 'ROME').warnings[0]).toMatch(/unknown Know-MRI method/);
    expect(fromKnowMri('nonsense', 'KN').warnings.length).toBeGreaterThan(0);
    expect(fromKnowMri({ table: 'x' }, 'KN').warnings).toContain('`table` is not a list; ignored');
  });

  it('bucketMaxAbs, by hand', () => {
    expect(bucketMaxAbs([[1, -3, 2]], 2)).toEqual([[3, 2]]);
  });

  it('toKnowMri writes the reference shape with SVG files', () => {
    const r = fromKnowMri(fixture('Attribution'), 'Attribution');
    const { json, files } = toKnowMri(r);
    expect(json.image[0]).toEqual({ image_name: 'Attribution', image_path: 'chart-0.svg' });
    expect(files['chart-0.svg']).toMatch(/^<svg/);
    expect(Array.isArray(json.table)).toBe(true);
  });
});
