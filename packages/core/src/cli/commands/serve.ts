import { basename, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadCausalLM, loadTokenizer } from '../../node/load-model.js';
import { createOpenAIServer, type OpenAIServer } from '../../node/openai-server.js';
import { createLocalTextModel } from '../../text-model/local-text-model.js';
import { ReasonkitError } from '../../errors/reasonkit-error.js';
import type { TextChatMessage } from '../../tokenizer/chat-template.js';

interface ServeCliOptions {
  model: string;
  host: string;
  port: number;
  runtime: 'node' | 'web';
  threads?: number;
  modelName?: string;
  chatFormat: 'auto' | 'template' | 'plain';
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

/**
 * The plain chat format (for models without a chat template, e.g. stories260K): one
 * `role: content` line per message (a tool message as `tool (call id): content`), then
 * `assistant:` when a reply is wanted.
 */
export function plainChatFormat(messages: readonly TextChatMessage[], options: { addGenerationPrompt: boolean } = { addGenerationPrompt: true }): string {
  const lines = messages.map((m) => {
    const who = m.role === 'tool' && (m.toolCallId ?? m.name) !== undefined ? `tool (${m.toolCallId ?? m.name})` : m.role;
    return `${who}: ${m.content}`;
  });
  return options.addGenerationPrompt ? `${lines.join('\n')}\nassistant:` : lines.join('\n');
}

/** Which chat format `--chat-format auto` picks: the template when the tokenizer has one, else plain. */
export function resolveChatFormat(requested: ServeCliOptions['chatFormat'], hasTemplate: boolean): 'template' | 'plain' {
  if (requested !== 'auto') return requested;
  return hasTemplate ? 'template' : 'plain';
}

/** `listen` failures as the CLI's typed errors (a port in use is the common one). */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new ReasonkitError('NETWORK_ERROR', `${host}:${port} is already in use; pick another --port (0 = any free port)`, { field: '--port', actual: port }, { cause: error });
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new ReasonkitError('NETWORK_ERROR', `cannot listen on ${host}:${port} (${code}); check --host and --port`, { field: '--host', actual: host }, { cause: error });
  }
  return error;
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
      new Option(
        '--chat-format <format>',
        "chat formatting: auto = the tokenizer's chat_template when it has one, else plain 'role: content' lines (with a warning); template = the chat_template only (chat refused without one); plain",
      )
        .choices(['auto', 'template', 'plain'])
        .default('auto'),
    )
    .option('--max-tokens <n>', 'default max tokens when a request gives none (completions otherwise default to 16, as OpenAI)', int('--max-tokens', 0))
    .action(async (opts: ServeCliOptions) => {
      const dir = resolve(opts.model);
      const tokenizer = await loadTokenizer(dir);
      const hasTemplate = tokenizer.tokenizerConfig?.chat_template !== undefined && tokenizer.tokenizerConfig.chat_template !== null;
      const chatFormat = resolveChatFormat(opts.chatFormat, hasTemplate);
      const lm = await loadCausalLM(dir, { runtime: opts.runtime, ...(opts.threads !== undefined ? { threads: opts.threads } : {}) });
      const model = createLocalTextModel({
        lm,
        tokenizer,
        tokenizerConfig: tokenizer.tokenizerConfig,
        ...(chatFormat === 'plain' ? { formatChat: plainChatFormat } : {}),
        ...(opts.maxTokens !== undefined ? { defaults: { maxTokens: opts.maxTokens } } : {}),
        id: opts.modelName ?? basename(dir),
      });
      let server: OpenAIServer;
      try {
        server = await createOpenAIServer({
          model,
          host: opts.host,
          port: opts.port,
          modelName: opts.modelName ?? basename(dir),
          ...(opts.maxTokens !== undefined ? { defaultMaxTokens: opts.maxTokens } : {}),
        });
      } catch (error) {
        await lm.dispose();
        throw listenError(error, opts.host, opts.port);
      }
      const chatNote = !model.capabilities.chat
        ? 'chat: no (the tokenizer has no chat_template; use --chat-format auto or plain)'
        : chatFormat === 'plain' && opts.chatFormat === 'auto'
          ? "chat: plain 'role: content' format (warning: the model has no chat_template; replies may be poor)"
          : `chat: ${chatFormat}`;
      process.stderr.write(`reasonkit serve: ${model.id} at ${server.url} (${chatNote}; Ctrl-C to stop)\n`);
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
