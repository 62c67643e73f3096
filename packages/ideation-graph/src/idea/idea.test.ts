import { describe, expect, it } from 'vitest';
import { extractKgRefs } from './kg-refs.js';
import { fromPaperJson, IdeaSchema, toAiScientistV2Json, toPaperJson } from './idea-schema.js';
import { sampleIdea } from '../testing/sample-idea.js';

describe('idea schema and kg refs', () => {
  it('round-trips the paper keys and maps AI-Scientist-v2 keys', () => {
    const idea = sampleIdea('graph_prompting');
    expect(IdeaSchema.parse(idea)).toEqual(idea);
    const paper = toPaperJson(idea);
    expect(Object.keys(paper)).toEqual(['Name', 'Title', 'Motivation', 'Related Work', 'Abstract', 'Method', 'Experiments plan', 'Risk Factors and Limitations']);
    expect(fromPaperJson(paper)).toEqual(idea);
    expect(toAiScientistV2Json(idea).Experiments).toBe(idea.experimentPlan);
  });
  it('extracts kg links, kind case-insensitive, method → solution, entities decoded', () => {
    const refs = extractKgRefs({
      motivation: 'See <a href="kg:challenge:Suboptimal initial output generation in language models">this</a> and <a href="KG:Method:Tom &amp; Jerry search">that</a>.',
    });
    expect(refs).toEqual([
      { kind: 'challenge', name: 'Suboptimal initial output generation in language models', field: 'motivation', span: 'this' },
      { kind: 'solution', name: 'Tom & Jerry search', field: 'motivation', span: 'that' },
    ]);
  });
});
