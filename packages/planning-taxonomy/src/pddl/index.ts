export * from './ast.js';
export * from './pddl-error.js';
export * from './sexpr.js';
export * from './parse-pddl.js';
export * from './print-pddl.js';
export * from './ground.js';
export * from './state.js';
export * from './parse-plan.js';
