export { testbedVocab, writeLlama2cTokenizer, type VocabPiece } from './testbed-vocab.js';
