// `exposure-lint diff`: PLACEHOLDER until the diff command lands (the diff engineer replaces this file).
import { CliIo, EXIT } from './io';

export async function runDiffCommand(argv: string[], io: CliIo): Promise<number> {
  io.stderr(`diff: not available yet${argv.length ? ` (${argv.join(' ')})` : ''}\n`);
  return EXIT.usage;
}
