// @reasonkit/ideation-graph/testing: fixtures for tests, examples and benchmarks.
export { sampleIdea } from './sample-idea.js';
export { syntheticTriples } from './synthetic-graph.js';
