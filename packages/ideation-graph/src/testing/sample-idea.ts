import type { Idea } from '../idea/idea-schema.js';

const filler = (topic: string, n: number) => Array.from({ length: n }, (_, i) => `${topic} sentence ${i + 1} explains the step and why it is needed.`).join(' ');

/** A schema-valid idea for tests and examples; `links` are inserted into the method text. */
export function sampleIdea(name: string, links: string[] = []): Idea {
  return {
    name,
    title: `Idea ${name.replace(/_/g, ' ')}`,
    motivation: filler('Motivation', 6),
    relatedWork: filler('Related work', 3),
    abstract: filler('Abstract', 6),
    method: `${links.join(' ')} ${filler('Method', 6)}`.trim(),
    experimentPlan: filler('Experiment', 6),
    riskFactors: filler('Risk', 2),
  };
}
