// Node-only test helpers: the committed testbed model and its tokenizer.
import { loadTokenizer } from '@reasonkit/core/node';
import { haveTestbedModel, testbedModelDir } from '@reasonkit/testbed/node';

export { loadTestbedReference } from '../src/bench/testbed-reference.js';
export { haveTestbedModel };
export const loadTestbedTokenizer = () => loadTokenizer(testbedModelDir());
