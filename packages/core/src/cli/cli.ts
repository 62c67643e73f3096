// The `reasonkit` command line. Results go to stdout; progress, logs and errors go to stderr.
import { Command, CommanderError } from 'commander';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { convertCommand } from './commands/convert.js';
import { generateCommand } from './commands/generate.js';
import { serveCommand } from './commands/serve.js';

export function buildProgram(): Command {
  const program = new Command('reasonkit')
    .description('reasonkit: LLM reasoning building blocks on ONNX Runtime')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(convertCommand());
  program.addCommand(generateCommand());
  program.addCommand(serveCommand());
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (ReasonkitError.is(error)) {
      process.stderr.write(`reasonkit: error [${error.code}]: ${error.message}\n`);
      return 1;
    }
    // Unexpected errors: the message only; the stack with REASONKIT_DEBUG=1.
    const debug = process.env.REASONKIT_DEBUG === '1' && error instanceof Error;
    process.stderr.write(`reasonkit: error: ${debug ? (error.stack ?? error.message) : error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
