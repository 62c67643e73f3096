import { FAKE_THOUGHT, THINK_CLOSE, THINK_OPEN } from '../tasks/format.js';

/** One piece of the testbed vocabulary: its text (ASCII, or `<0xXX>` byte tokens) and score. */
export interface VocabPiece {
  readonly text: string;
  readonly score: number;
}

/** Every prefix of length ≥ 2 of `word`: a merge chain that pairwise merging always reaches. */
function chain(word: string): string[] {
  return Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, i + 2));
}

/**
 * The testbed vocabulary, in llama2.c layout so core's tokenizer rules apply unchanged:
 * 0 `<unk>`, 1 BOS `"\n<s>\n"`, 2 EOS `"\n</s>\n"`, 3–258 byte tokens (id = 3 + byte), then
 * merged pieces (scores 0, −1, −2, …), then the 95 printable ASCII characters (scores below every
 * merge). The merges are prefix chains of `<think>`, `</think>` and the fake thought, so each of
 * those strings encodes to a single token; digits, operators and spaces stay single characters;
 * newline uses byte fallback (id 13), as in llama2.c.
 */
export function testbedVocab(): VocabPiece[] {
  const pieces: VocabPiece[] = [
    { text: '<unk>', score: 0 },
    { text: '\n<s>\n', score: 0 },
    { text: '\n</s>\n', score: 0 },
  ];
  for (let b = 0; b < 256; b++) pieces.push({ text: `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, score: 0 });
  const merges = [...chain(THINK_OPEN), ...chain(THINK_CLOSE), ...chain(FAKE_THOUGHT)];
  merges.forEach((text, i) => pieces.push({ text, score: -i }));
  for (let c = 32; c < 127; c++) pieces.push({ text: String.fromCharCode(c), score: -1000 - (c - 32) });
  return pieces;
}

/** Serialises a vocabulary as a llama2.c `tokenizer.bin` (spec core §9.4). */
export function writeLlama2cTokenizer(pieces: readonly VocabPiece[]): Uint8Array {
  const enc = new TextEncoder();
  const bytes = pieces.map((p) => enc.encode(p.text));
  const maxLen = bytes.reduce((m, b) => Math.max(m, b.length), 0);
  const total = 4 + bytes.reduce((n, b) => n + 8 + b.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setInt32(0, maxLen, true);
  let off = 4;
  pieces.forEach((p, i) => {
    const b = bytes[i]!;
    view.setFloat32(off, p.score, true);
    view.setInt32(off + 4, b.length, true);
    out.set(b, off + 8);
    off += 8 + b.length;
  });
  return out;
}
