export { buildTrainingCorpus, encodeExample, sampleTrainingProblem, trainingExample, type TrainingCorpusOptions, type TrainingSequence } from './training-corpus.js';
