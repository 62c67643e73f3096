import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../registry/default-registry.js';
import { haveStories, P2, skipMessage, storiesProbe } from '../test-utils/stories.js';
import { escapeXml } from './escape.js';
import { renderHtml } from './render-html.js';
import { purple, renderSvg } from './render-svg.js';
import { vegaLiteSpec } from './vega-lite.js';

describe('SVG rendering', () => {
  it('heatmap cells: floor → lightest colour, ceiling → darkest, values in tooltips', () => {
    const s = renderSvg({ name: 'h', kind: 'heatmap', data: { rows: ['a<b', 'c'], columns: ['0', '1'], values: [[0, 1], [0.5, 2]], floor: 0.5, ceiling: 1 } });
    expect(s).toContain(`fill="${purple(0)}"`);
    expect(s).toContain(`fill="${purple(1)}"`);
    expect(s).toContain('a&lt;b × 1: 1');
    expect(purple(0)).toBe('rgb(252,251,253)');
    expect(purple(2)).toBe(purple(1));
  });
  it('line, bar, scatter and image charts are standalone SVG', () => {
    for (const c of [
      { name: 'l', kind: 'line' as const, data: { x: [0, 1], series: [{ name: 's', values: [0.1, 0.9] }] } },
      { name: 'b', kind: 'bar' as const, data: { labels: ['x'], values: [-1] } },
      { name: 's', kind: 'scatter' as const, data: { points: [{ x: 1, y: 2, label: 'p' }] } },
      { name: 'i', kind: 'image' as const, data: { src: 'a.png' } },
    ]) {
      expect(renderSvg(c)).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg".*<\/svg>$/s);
    }
    expect(vegaLiteSpec({ name: 'b', kind: 'bar', data: { labels: ['x'], values: [1] } })).toMatchObject({ mark: 'bar' });
    expect(escapeXml(`<&"'>`)).toBe('&lt;&amp;&quot;&#39;&gt;');
  });
});

describe.skipIf(!haveStories)(`native results on stories260K${haveStories ? '' : ` (${skipMessage})`}`, () => {
  it('every result is JSON-serialisable, carries version, model id, params (and seed) and renders to one self-contained page', async () => {
    const model = await storiesProbe('node');
    const r = createDefaultRegistry();
    const sample = { prompt: P2, triple_subject: 'little girl' };
    const results = [
      await r.run('Logit Lens', sample, model),
      await r.run('Attention Weights', sample, model),
      await r.run('EmbeddingProjection', sample, model),
      await r.run('Patchscopes', sample, model),
      await r.run('CausalTracing', sample, model, { samples: 2, kinds: ['state'] }),
    ];
    for (const x of results) {
      expect(JSON.parse(JSON.stringify(x))).toEqual(x);
      expect(x.methodVersion).toMatch(/^\d+\.\d+\.\d+$/);
      expect(x.model).toEqual({ id: 'stories260K', layers: 5 });
      expect(Object.keys(x.params).length).toBeGreaterThan(0);
      expect(x.sample.prompt).toBe(P2);
    }
    expect(results[4]!.seed).toBe(1);
    expect(results[4]!.params.samples).toBe(2);
    const html = renderHtml(results);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)!.length).toBe(results.reduce((n, x) => n + x.charts.length, 0));
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});
