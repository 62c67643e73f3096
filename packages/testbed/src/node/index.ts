export { haveTestbedModel, testbedModelDir } from './model-dir.js';
