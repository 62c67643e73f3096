export { buildTrainingCorpus, encodeExample, sampleTrainingProblem, trainingExample, type TrainingSequence } from './training-corpus.js';
