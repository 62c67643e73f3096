import { describe, expect, it } from 'vitest';
import { createHfTokenizer } from '../tokenizer/hf-tokenizer.js';
import { llama2cTokenizerToHfJson, tokenizerConfigFor } from '../llama2c/llama2c-to-hf.js';
import { parseLlama2cTokenizer } from '../llama2c/llama2c-tokenizer.js';
import { mulberry32 } from '../random/mulberry32.js';
import { haveReferenceModel, readTokenizerBytes, skipMessage } from '../test-utils/shared-models.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import { TextStream } from './text-stream.js';

/** The original, quadratic definition: decode prompt + generated and subtract the prompt's text. */
function reference(tok: Tokenizer, prompt: number[], generated: number[]): string {
  const promptText = tok.decode(prompt, { skipSpecial: true });
  const full = tok.decode([...prompt, ...generated], { skipSpecial: true });
  return full.startsWith(promptText) ? full.slice(promptText.length) : tok.decode(generated, { skipSpecial: true });
}

describe.skipIf(!haveReferenceModel)(`TextStream incremental decoding${haveReferenceModel ? '' : ` (${skipMessage})`}`, () => {
  const llama = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512) : undefined;
  const tokenizers: [string, () => Tokenizer][] = [
    ['llama2.c tokenizer', () => llama!],
    ['tokenizer.json (HF)', () => createHfTokenizer(llama2cTokenizerToHfJson(llama!), tokenizerConfigFor(llama!))],
  ];
  for (const [name, make] of tokenizers) {
    it(`${name}: text equals full decoding at every step of long random sequences (byte tokens included)`, () => {
      const tok = make();
      const rand = mulberry32(11);
      for (let trial = 0; trial < 4; trial++) {
        const prompt = [1, ...tok.encode('Once upon a time, é 🙂', { bos: false })];
        const stream = new TextStream(tok, prompt, []);
        const generated: number[] = [];
        let streamed = '';
        for (let i = 0; i < 400; i++) {
          // mostly ordinary pieces, with runs of byte tokens forming (and breaking) UTF-8 sequences
          const r = rand();
          if (r < 0.1) generated.push(3 + 0xf0, 3 + 0x9f, 3 + 0x99, 3 + 0x82); // 🙂 as four byte tokens
          else if (r < 0.15) generated.push(3 + 0xc3); // a lone lead byte
          else generated.push(259 + Math.floor(rand() * 253));
          const { delta } = stream.update(generated);
          streamed += delta;
          expect(stream.text).toBe(reference(tok, prompt, generated));
        }
        streamed += stream.flush();
        expect(streamed).toBe(stream.text);
      }
    });
  }
});
