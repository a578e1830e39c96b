// Runs the same extension API suite under @vscode/test-electron, where a VS Code build is available or may be downloaded.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, PROJECT_ROOT } from '../code-server';

const TESTS = join(__dirname, 'index.js');
/** The extension under test: the unpacked .vsix from scripts/run-editor-tests.mjs, else the working tree. */
const EXTENSION = process.env.EXPOSURE_LINT_EXTENSION_PATH ?? PROJECT_ROOT;
const CACHE = join(PROJECT_ROOT, '.vscode-test');
/** Exit status that scripts/run-editor-tests.mjs reports as "skipped" (EX_CONFIG): never counted as a pass. */
const SKIPPED = 78;

/** A VS Code already on this machine: VSCODE_EXECUTABLE, or a build @vscode/test-electron downloaded before. */
function localVsCode(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) return process.env.VSCODE_EXECUTABLE;
  if (!existsSync(CACHE)) return undefined;
  for (const name of readdirSync(CACHE)) {
    const candidate = join(CACHE, name, 'code');
    if (name.startsWith('vscode-') && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function main(): Promise<number> {
  const started = Date.now();
  const executable = localVsCode();
  // No network at test time by default: downloading VS Code is something a machine opts into.
  if (!executable && process.env.EXPOSURE_LINT_DOWNLOAD_VSCODE !== '1') {
    console.log('SKIPPED @vscode/test-electron suite: no VS Code on this machine (.vscode-test/ is empty, VSCODE_EXECUTABLE unset) '
      + 'and downloads are off. Where VS Code can be downloaded, run with EXPOSURE_LINT_DOWNLOAD_VSCODE=1 (or set VSCODE_EXECUTABLE). '
      + 'The same suite ran in code-server above.');
    return SKIPPED;
  }
  const { runTests } = await import('@vscode/test-electron');
  // A git repository: the suite checks "(new since HEAD)" marks and the exposure report against its commit.
  const sandbox = createSandbox({}, { git: true });
  const resultsFile = join(sandbox.dir, 'results.json');
  try {
    const code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: 'stable', cachePath: CACHE }),
      extensionDevelopmentPath: EXTENSION,
      extensionTestsPath: TESTS,
      extensionTestsEnv: { EXPOSURE_LINT_EDITOR_RESULTS: resultsFile },
      launchArgs: [sandbox.workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(sandbox.dir, 'user-data'), '--extensions-dir', join(sandbox.dir, 'extensions')],
    });
    if (existsSync(resultsFile)) console.log(readFileSync(resultsFile, 'utf8'));
    console.log(`@vscode/test-electron suite: ${code === 0 ? 'PASS' : 'FAIL'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } catch (error) {
    if (!executable && /download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed|getaddrinfo/i.test(String(error))) {
      console.log(`SKIPPED @vscode/test-electron suite: VS Code could not be downloaded here (${String(error).split('\n')[0]}).`);
      return SKIPPED;
    }
    console.error('@vscode/test-electron suite: FAIL:', error);
    return 1;
  } finally {
    sandbox.dispose();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error('@vscode/test-electron suite: FAIL:', error);
  process.exit(1);
});
