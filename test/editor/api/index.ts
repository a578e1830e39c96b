// extensionTestsPath entry for code-server and @vscode/test-electron: the extension host calls run().
import { runEditorTests } from './harness';
import { editorTests } from './suite';

export function run(): Promise<void> {
  return runEditorTests(editorTests);
}
