export { haveTestbedModel, testbedModelDir, type TestbedModelVariant } from './model-dir.js';
