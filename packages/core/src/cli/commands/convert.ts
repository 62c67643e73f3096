import { Command } from 'commander';
import { ReasonkitError } from '../../errors/reasonkit-error.js';
import { convertLlama2c } from '../../node/convert-llama2c.js';
import { createProgress } from '../progress.js';

/** `reasonkit convert --checkpoint <file.bin> --tokenizer <tok.bin> --out <dir>` */
export function convertCommand(): Command {
  return new Command('convert')
    .description('convert a llama2.c checkpoint and tokenizer into an ONNX model directory (Optimum / transformers.js layout)')
    .requiredOption('--checkpoint <file>', 'llama2.c checkpoint (.bin, legacy format)')
    .requiredOption('--tokenizer <file>', 'llama2.c tokenizer (.bin)')
    .requiredOption('--out <dir>', 'output model directory')
    .option('--hidden-states', 'also output hidden_states.{0..L} (residual stream after each layer)', false)
    .option('--queries', 'also output queries.{l} (post-RoPE attention queries per layer)', false)
    .option('--attentions', 'also output attentions.{l} (attention weights per layer, [batch, heads, seq, total])', false)
    .option('--plain', 'standard ONNX ops only (any runtime); default: ONNX Runtime fused ops where the model allows', false)
    .option('--int8', 'quantize the linear layers and the classifier to 8 bits (MatMulNBits, blocks of 32; fused graph; an approximate model)', false)
    .option('--int4', 'the same with 4 bits', false)
    .option('--quiet', 'no progress display', false)
    .action(async (o: { checkpoint: string; tokenizer: string; out: string; hiddenStates: boolean; queries: boolean; attentions: boolean; plain: boolean; int8: boolean; int4: boolean; quiet: boolean }) => {
      if (o.int8 && o.int4) throw new ReasonkitError('INVALID_ARGUMENT', 'convert: --int8 and --int4 exclude each other', { field: 'int4' });
      const weightBits = o.int8 ? 8 : o.int4 ? 4 : undefined;
      const progress = createProgress('convert', { quiet: o.quiet });
      try {
        const result = await convertLlama2c({
          checkpoint: o.checkpoint,
          tokenizer: o.tokenizer,
          out: o.out,
          exposeHiddenStates: o.hiddenStates,
          exposeQueries: o.queries,
          exposeAttentions: o.attentions,
          graph: o.plain ? 'plain' : 'auto',
          ...(weightBits === undefined ? {} : { weightBits }),
          onProgress: (stage, fraction) => progress.update(fraction, stage),
        });
        progress.stop();
        process.stderr.write(`wrote ${result.files.join(', ')} to ${result.out}\n`);
      } finally {
        progress.stop();
      }
    });
}
