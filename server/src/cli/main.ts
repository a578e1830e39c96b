// CLI entry point (bundled to dist/cli.js): runs the command and sets the exit code.
import { processIo } from './io';
import { runCli } from './run';
import { runSinceCommand, wantsSince } from './diff-command';
import { initHcl } from '../adapters/terraform/hcl/parser';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `exposure-lint ... | head` closes the pipe early: that is not a failure.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
// The HCL parser loads asynchronously (WebAssembly); every command may read .tf files.
initHcl().then(() => (wantsSince(argv) ? runSinceCommand(argv, processIo()) : runCli(argv, processIo()))).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`exposure-lint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
