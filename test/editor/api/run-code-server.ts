// Runs the extension API suite inside code-server's extension host (as @vscode/test-electron would in VS Code); Chromium is only the UI shell.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, deadline, launchChromium, PROJECT_ROOT, startCodeServer } from '../code-server';

const TESTS = join(__dirname, 'index.js');
/** The extension under test: the unpacked .vsix from scripts/run-editor-tests.mjs, else the working tree. */
const EXTENSION = process.env.EXPOSURE_LINT_EXTENSION_PATH ?? PROJECT_ROOT;

async function main(): Promise<number> {
  const started = Date.now();
  // A git repository: the suite checks "(new since HEAD)" marks and the exposure report against its commit.
  const sandbox = createSandbox({}, { git: true });
  const resultsFile = join(sandbox.dir, 'results.json');
  sandbox.env.EXPOSURE_LINT_EDITOR_RESULTS = resultsFile;
  const server = await startCodeServer(sandbox);
  const browser = await launchChromium();
  let code = 1;
  try {
    const page = await browser.newPage();
    // The workbench calls window.codeAutomationExit(code) when the extension tests' run() settles.
    const exited = new Promise<number>((resolve) => { void page.exposeFunction('codeAutomationExit', (exitCode: number) => resolve(exitCode)); });
    const remote = (path: string) => `vscode-remote://${server.authority}${path}`;
    const payload = [['extensionDevelopmentPath', remote(EXTENSION)], ['extensionTestsPath', remote(TESTS)]];
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(sandbox.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    code = await deadline(exited, 180_000, 'the extension tests to finish in code-server');
  } finally {
    await browser.close();
    await server.stop();
  }
  if (existsSync(resultsFile)) {
    const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as { host: string; results: { name: string; ok: boolean; ms: number; error?: string }[] };
    console.log(`extension API tests in ${report.host} (code-server):`);
    for (const r of report.results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)${r.error ? `\n${r.error.replace(/^/gm, '       ')}` : ''}`);
    if (code === 0 && report.results.some((r) => !r.ok)) code = 1;
  } else {
    console.log('extension API tests: no results were written (the extension host did not run the suite)');
    console.log(server.output());
    code = code || 1;
  }
  console.log(`code-server API suite: ${code === 0 ? 'PASS' : 'FAIL'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  sandbox.dispose();
  return code;
}

main().then((code) => process.exit(code), (error) => {
  console.error('code-server API suite: FAIL:', error);
  process.exit(1);
});
