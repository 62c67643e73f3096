// `@reasonkit/core/testing/node`: Node-only test helpers (they read files with `node:fs`).
export {
  loadReferenceModel,
  locateReferenceModel,
  type LocateReferenceModelOptions,
  type ReferenceModelLocation,
} from './reference-model-locator.js';
export { measureBrowserBundle, type BrowserBundle, type MeasureBrowserBundleOptions } from './browser-bundle.js';
export { checkBrowserSafety, type BrowserSafetyReport, type CheckBrowserSafetyOptions } from './browser-safety.js';
