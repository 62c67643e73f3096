export * from './validate-plan.js';
export * from './render-feedback.js';
