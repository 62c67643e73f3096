export { plateau, type PlateauOptions } from './plateau.js';
export { balancedGrmRows, isValidTask, keepForPool, parseGeneratorOutput, type GeneratedTask, type JudgedAttempt } from './generator-step.js';
