// Batched tokenization throughput: core's `HfTokenizer.encodeBatch` against the HF `tokenizers`
// library's own `encodeBatch` (Rust, npm `tokenizers`, single-threaded via
// TOKENIZERS_PARALLELISM=false) and against a loop of core's per-text `encode`, on the same 2000
// mixed-length strings and a BERT-like WordPiece tokenizer. Rounds alternate the paths in one
// process; every path is first checked to give the oracle's ids. Run: `npx tsx bench/encode-batch.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/random/mulberry32.js';
import { createHfTokenizer } from '../src/tokenizer/hf-tokenizer.js';

process.env.TOKENIZERS_PARALLELISM = 'false';
const { Tokenizer: RustTokenizer } = await import('tokenizers');

const TEXTS = Number(process.env.BENCH_TEXTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

export interface EncodeBatchRow {
  path: string;
  textsPerSecond: number;
  msPerBatch: number;
}
export interface EncodeBatchResult {
  texts: number;
  rounds: number;
  node: string;
  rows: EncodeBatchRow[];
}

function wordPiece(): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  const add = (t: string) => {
    if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  };
  for (const t of ['[PAD]', '[UNK]', '[CLS]', '[SEP]']) add(t);
  for (const w of 'the cat sat on mat dog quick brown fox jump over lazy run play think answer is'.split(' ')) add(w);
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789.,!?') {
    add(c);
    add(`##${c}`);
  }
  const sp = (id: string, type_id: number) => ({ SpecialToken: { id, type_id } });
  const sq = (id: string, type_id: number) => ({ Sequence: { id, type_id } });
  return {
    version: '1.0',
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]'].map((content, id) => ({ id, content, special: true, single_word: false, lstrip: false, rstrip: false, normalized: false })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [sp('[CLS]', 0), sq('A', 0), sp('[SEP]', 0)],
      pair: [sp('[CLS]', 0), sq('A', 0), sp('[SEP]', 0), sq('B', 1), sp('[SEP]', 1)],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    decoder: null,
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

function texts(n: number): string[] {
  const rand = mulberry32(42);
  const words = 'the cat sat on the mat while a quick brown fox jumps over lazy dogs and thinks about answers 12 7 ! ?'.split(' ');
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() ** 2 * 120) }, () => words[Math.floor(rand() * words.length)]).join(' '));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runEncodeBatchBench(): Promise<EncodeBatchResult> {
  const json = wordPiece();
  const core = createHfTokenizer(json, { pad_token: '[PAD]' });
  const rust = RustTokenizer.fromString(JSON.stringify(json));
  const inputs = texts(TEXTS);
  const paths: { path: string; run: () => Promise<number[][]> }[] = [];
  for (const maxLength of [undefined, 64]) {
    const suffix = maxLength ? `, truncation right at ${maxLength}` : ', no truncation';
    paths.push({
      path: `HF tokenizers (Rust) encodeBatch${suffix}`,
      run: async () => {
        if (maxLength) rust.setTruncation(maxLength, { direction: 'right' });
        else rust.disableTruncation();
        rust.setPadding({ padId: 0, padToken: '[PAD]' });
        return (await rust.encodeBatch(inputs)).map((e) => e.getIds());
      },
    });
    paths.push({ path: `core encodeBatch${suffix}`, run: async () => core.encodeBatch(inputs, maxLength ? { maxLength } : {}).inputIds });
    if (!maxLength) {
      paths.push({
        path: `core encode() per text + padding by hand${suffix}`,
        run: async () => {
          const rows = inputs.map((t) => core.encode(t));
          const width = Math.max(...rows.map((r) => r.length));
          return rows.map((r) => [...r, ...new Array<number>(width - r.length).fill(0)]);
        },
      });
    }
  }
  // Same ids as the oracle before timing anything.
  const want = new Map<string, string>();
  for (const p of paths) {
    const key = p.path.replace(/^.*?(, .*)$/, '$1');
    const ids = JSON.stringify(await p.run());
    if (!want.has(key)) want.set(key, ids);
    else if (want.get(key) !== ids) throw new Error(`${p.path} differs from the HF tokenizers ids`);
  }
  const times = new Map<string, number[]>(paths.map((p) => [p.path, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of paths) {
      const t0 = performance.now();
      await p.run();
      times.get(p.path)!.push(performance.now() - t0);
    }
  }
  const rows = paths.map((p) => {
    const ms = median(times.get(p.path)!);
    return { path: p.path, textsPerSecond: Math.round((TEXTS / ms) * 1000), msPerBatch: Math.round(ms * 10) / 10 };
  });
  return { texts: TEXTS, rounds: ROUNDS, node: process.version, rows };
}

export function reportEncodeBatch(result: EncodeBatchResult, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'encode-batch.json'), `${JSON.stringify(result, null, 2)}\n`);
  const lines = [
    `Batched tokenization, ${result.texts} strings of 1–120 words in one batch, WordPiece (BERT-like), median of ${result.rounds} alternating rounds, ${result.node}:`,
    '',
    '| path | texts/s | ms per batch |',
    '| --- | ---: | ---: |',
    ...result.rows.map((r) => `| ${r.path} | ${r.textsPerSecond} | ${r.msPerBatch} |`),
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(reportEncodeBatch(await runEncodeBatchBench(), join(dirname(fileURLToPath(import.meta.url)), 'results')));
}
