// Rewrites package.json's exposureLint.rules setting schema from the rule registry (run after `npx tsc -p .` when a rule is added).
// Touches only contributes.configuration.properties["exposureLint.rules"].properties and keeps the file's indentation.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const require = createRequire(import.meta.url);
const { allRuleMetas } = require(join(ROOT, 'out/server/src/cli/rule-docs.js'));

export function ruleSettingProperties(metas) {
  return Object.fromEntries(metas.map((meta) => [meta.id, {
    type: 'string',
    enum: ['error', 'warning', 'info', 'off'],
    markdownDescription: `${meta.description.replace(/\.?$/, '.')} Default: \`${meta.defaultSeverity}\`.`,
  }]));
}

const file = join(ROOT, 'package.json');
const text = readFileSync(file, 'utf8');
const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
const manifest = JSON.parse(text);
manifest.contributes.configuration.properties['exposureLint.rules'].properties = ruleSettingProperties(allRuleMetas());
const updated = `${JSON.stringify(manifest, null, indent)}\n`;
if (updated === text) console.log('package.json: exposureLint.rules already lists every rule');
else {
  writeFileSync(file, updated);
  console.log(`package.json: exposureLint.rules now lists ${allRuleMetas().length} rules`);
}
