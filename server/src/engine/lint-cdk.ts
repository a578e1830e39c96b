// Lints a CDK cloud assembly (cdk.out): every stack template, findings mapped to app source. PLACEHOLDER.
import { Config, defaultConfig } from './types';
import { LintResult } from './lint';

export function lintCloudAssembly(dir: string, config: Config = defaultConfig()): LintResult {
  throw new Error(`not implemented (${dir}, ${Object.keys(config.rules).length} settings)`);
}
