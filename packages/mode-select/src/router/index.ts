export { createModeRouter, ModeRouterOptionsSchema, type ModeRouter, type ModeRouterOptions, type RouterEvent, type RouterUsage } from './mode-router.js';
