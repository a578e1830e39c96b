// extensionTestsPath entry for code-server and @vscode/test-electron: the extension host calls run().
import { runEditorTests } from './harness';
import { gitTests } from './git-suite';
import { editorTests } from './suite';
import { everydayTests } from './everyday-suite';

export function run(): Promise<void> {
  // The git tests come last: they commit in the workspace and open a report of everything the others changed.
  return runEditorTests([...editorTests, ...everydayTests, ...gitTests]);
}
