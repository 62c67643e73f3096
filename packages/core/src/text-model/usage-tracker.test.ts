import { describe, expect, it } from 'vitest';
import { createScriptedTextModel } from './scripted-text-model.js';
import { createUsageTracker } from './usage-tracker.js';

describe('createUsageTracker', () => {
  it('sums tokens and cost per model', () => {
    const tracker = createUsageTracker({ pricing: { inputPerMillion: 1, outputPerMillion: 2 }, pricingByModel: { big: { inputPerMillion: 10, outputPerMillion: 30 } } });
    tracker.record({ input: 1000, output: 500 }, 'small');
    tracker.record({ input: 2000, output: 100 }, 'big');
    tracker.record(undefined, 'small');
    const totals = tracker.totals();
    expect(totals).toMatchObject({ calls: 3, input: 3000, output: 600, total: 3600 });
    // small: 1000*1/1e6 + 500*2/1e6 = 0.002; big: 2000*10/1e6 + 100*30/1e6 = 0.023
    expect(totals.cost).toBeCloseTo(0.025, 12);
    expect(tracker.byModel().big?.cost).toBeCloseTo(0.023, 12);
  });
  it('reports unknown cost without pricing', () => {
    const tracker = createUsageTracker();
    tracker.record({ input: 1, output: 1 });
    expect(tracker.totals().cost).toBeUndefined();
  });
  it('wraps a model and records generate and stream usage', async () => {
    const tracker = createUsageTracker();
    const model = tracker.wrap(createScriptedTextModel({ replies: ['one two three'], loop: true }));
    await model.generate({ prompt: 'a b' });
    for await (const _ of model.stream!({ prompt: 'a b c d' })) void _;
    expect(tracker.totals()).toMatchObject({ calls: 2, input: 6, output: 6 });
  });
  it('rejects negative prices naming the field', () => {
    expect(() => createUsageTracker({ pricing: { inputPerMillion: -1, outputPerMillion: 0 } })).toThrow(/pricing\.inputPerMillion/);
  });
});
