// Language server entry point (bundled to dist/server.js): `--stdio` or `--node-ipc` (stdio when neither is given).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { VERSION } from '../cli/rule-docs';
import { MessageActivity } from './scheduler';
import { ExposureLintServer } from './server';
import { initHcl } from '../adapters/terraform/hcl/parser';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('Usage: exposure-lint-server [--stdio | --node-ipc | --socket=<port>]\nThe exposure-lint language server; editors start it and talk LSP over the chosen transport.\n');
  process.exit(0);
}
// vscode-languageserver picks the transport from argv; a bare `exposure-lint-server` means stdio.
if (!args.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) process.argv.push('--stdio');

// Counting handled messages lets a lint wait until the edits queued behind the previous one are applied.
const activity = new MessageActivity();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: activity.messageStrategy });
// Anything that escapes a handler is logged, not fatal: other documents keep their diagnostics.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error?.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
// The HCL parser loads asynchronously (WebAssembly, ~40 ms); requests wait in the transport meanwhile.
void initHcl().then(() => new ExposureLintServer(connection, activity).listen());
