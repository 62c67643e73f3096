import { basename, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadCausalLM, loadTokenizer } from '../../node/load-model.js';
import { createOpenAIServer, type OpenAIServer } from '../../node/openai-server.js';
import { createLocalTextModel } from '../../text-model/local-text-model.js';
import type { ChatMessage } from '../../tokenizer/tokenizer.js';

interface ServeCliOptions {
  model: string;
  host: string;
  port: number;
  runtime: 'node' | 'web';
  threads?: number;
  modelName?: string;
  chatFormat: 'template' | 'plain';
  maxTokens?: number;
}

/** Test and embedding hooks: learn the bound address, and stop the server without a signal. */
export interface ServeHooks {
  onListening?(server: OpenAIServer): void;
  /** Aborting stops the server (default: SIGINT / SIGTERM). */
  signal?: AbortSignal;
}

const int = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
  return n;
};

/** `role: content` lines then `assistant:` (for models without a chat template, e.g. stories260K). */
export function plainChatFormat(messages: readonly ChatMessage[]): string {
  return `${messages.map((m) => `${m.role}: ${m.content}`).join('\n')}\nassistant:`;
}

/**
 * `reasonkit serve --model <dir> [--host 127.0.0.1] [--port 8000] [--runtime node|web]`: an
 * OpenAI-compatible HTTP server (`/v1/chat/completions`, `/v1/completions`, `/v1/models`) over a
 * local model directory. Binds to loopback unless `--host` says otherwise; runs until SIGINT/SIGTERM.
 */
export function serveCommand(hooks: ServeHooks = {}): Command {
  return new Command('serve')
    .description('serve a local model directory over an OpenAI-compatible HTTP API (loopback by default)')
    .requiredOption('--model <dir>', 'model directory (config.json, tokenizer.json, onnx/model.onnx)')
    .option('--host <address>', 'bind address; 0.0.0.0 exposes the server to the network', '127.0.0.1')
    .option('--port <n>', 'port (0 = any free port)', int('--port', 0), 8000)
    .addOption(new Option('--runtime <name>', 'ONNX Runtime backend').choices(['node', 'web']).default('node'))
    .option('--threads <n>', 'ORT threads', int('--threads', 1))
    .option('--model-name <name>', 'model name reported by /v1/models (default: the directory name)')
    .addOption(
      new Option('--chat-format <format>', "chat formatting: the tokenizer's chat_template, or plain 'role: content' lines")
        .choices(['template', 'plain'])
        .default('template'),
    )
    .option('--max-tokens <n>', 'default max tokens when a request gives none (completions otherwise default to 16, as OpenAI)', int('--max-tokens', 0))
    .action(async (opts: ServeCliOptions) => {
      const dir = resolve(opts.model);
      const tokenizer = await loadTokenizer(dir);
      const lm = await loadCausalLM(dir, { runtime: opts.runtime, ...(opts.threads !== undefined ? { threads: opts.threads } : {}) });
      const model = createLocalTextModel({
        lm,
        tokenizer,
        tokenizerConfig: tokenizer.tokenizerConfig,
        ...(opts.chatFormat === 'plain' ? { formatChat: plainChatFormat } : {}),
        ...(opts.maxTokens !== undefined ? { defaults: { maxTokens: opts.maxTokens } } : {}),
        id: opts.modelName ?? basename(dir),
      });
      const server = await createOpenAIServer({
        model,
        host: opts.host,
        port: opts.port,
        modelName: opts.modelName ?? basename(dir),
        ...(opts.maxTokens !== undefined ? { defaultMaxTokens: opts.maxTokens } : {}),
      });
      process.stderr.write(
        `reasonkit serve: ${model.id} at ${server.url} (chat: ${model.capabilities.chat ? 'yes' : 'no, pass --chat-format plain'}; Ctrl-C to stop)\n`,
      );
      hooks.onListening?.(server);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        if (hooks.signal) {
          if (hooks.signal.aborted) stop();
          else hooks.signal.addEventListener('abort', stop, { once: true });
        } else {
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        }
      });
      await server.close();
      await lm.dispose();
    });
}
