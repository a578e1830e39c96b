// Tokenizes YAML lines with vscode-textmate + vscode-oniguruma and asserts the scopes our injection grammar adds.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

interface Token {
  text: string;
  scopes: string[];
}

function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'syntaxes'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
  return dir;
}

const ROOT = projectRoot();
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contribution = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'exposure-lint.injection');
// VS Code's own YAML grammar, read in place from the code-server install the editor tests use (never copied).
const VSCODE_YAML = join(ROOT, '.tools/code-server/node_modules/code-server/lib/vscode/extensions/yaml');

let onigLib: Promise<textmate.IOnigLib> | undefined;
function loadOniguruma(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

/** A registry where source.yaml comes from `yamlGrammars` (scope -> file) and receives the injection as package.json declares it. */
async function loadYaml(yamlGrammars: Map<string, string>): Promise<textmate.IGrammar> {
  const injectionPath = join(ROOT, contribution.path);
  const registry = new textmate.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const path = scopeName === contribution.scopeName ? injectionPath : yamlGrammars.get(scopeName);
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scopeName) => (contribution.injectTo.includes(scopeName) ? [contribution.scopeName] : undefined),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  assert.ok(grammar, 'source.yaml did not load');
  return grammar;
}

function tokenize(grammar: textmate.IGrammar, text: string): Token[][] {
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Scopes of the token whose text (trimmed) is exactly `text`; fails when there is none. */
function scopesOf(line: Token[], text: string): string[] {
  const token = line.find((t) => t.text.trim() === text);
  assert.ok(token, `no token "${text}" in ${JSON.stringify(line.map((t) => t.text))}`);
  return token.scopes;
}

function assertScope(line: Token[], text: string, scope: string): void {
  assert.ok(scopesOf(line, text).includes(scope), `"${text}" lacks ${scope}: ${scopesOf(line, text).join(' ')}`);
}

function assertNoExposureScopes(line: Token[]): void {
  for (const token of line) {
    const ours = token.scopes.filter((s) => s.endsWith('.exposure-lint') || s.endsWith('.cloudformation'));
    assert.deepEqual(ours, [], `"${token.text}" got ${ours.join(' ')}`);
  }
}

function suite(name: string, grammarFiles: () => Map<string, string>, skip: string | false): void {
  test(`${name}: suppression comment on its own line: directive, rule IDs, reason`, { skip }, async () => {
    const grammar = await loadYaml(grammarFiles());
    const [line] = tokenize(grammar, '  # exposure-lint-disable-next-line public-ip-on-backend, eip-on-backend -- temporary bastion');
    assertScope(line, '#', 'punctuation.definition.comment.yaml');
    assertScope(line, 'exposure-lint-disable-next-line', 'keyword.control.directive.suppression.exposure-lint');
    assertScope(line, 'public-ip-on-backend', 'constant.other.rule-id.exposure-lint');
    assertScope(line, ',', 'punctuation.separator.rule-list.exposure-lint');
    assertScope(line, 'eip-on-backend', 'constant.other.rule-id.exposure-lint');
    assertScope(line, '--', 'punctuation.separator.reason.exposure-lint');
    assertScope(line, 'temporary bastion', 'string.unquoted.reason.exposure-lint');
    // The reason's words are not rule IDs, and the whole directive stays a comment for themes.
    assert.ok(!scopesOf(line, 'temporary bastion').includes('constant.other.rule-id.exposure-lint'));
    for (const token of line.slice(1)) assert.ok(token.scopes.includes('comment.line.number-sign.yaml'), `"${token.text}" is not in the comment`);
  });

  test(`${name}: end-of-line and file-wide directives`, { skip }, async () => {
    const grammar = await loadYaml(grammarFiles());
    const [eol, fileWide] = tokenize(grammar, '      AssociatePublicIpAddress: true # exposure-lint-disable-line public-ip-on-backend\n# exposure-lint-disable');
    assertScope(eol, 'exposure-lint-disable-line', 'keyword.control.directive.suppression.exposure-lint');
    assertScope(eol, 'public-ip-on-backend', 'constant.other.rule-id.exposure-lint');
    assert.ok(!scopesOf(eol, 'AssociatePublicIpAddress').includes('meta.directive.suppression.exposure-lint'));
    assertScope(fileWide, 'exposure-lint-disable', 'keyword.control.directive.suppression.exposure-lint');
  });

  test(`${name}: comments that are not directives get nothing`, { skip }, async () => {
    const grammar = await loadYaml(grammarFiles());
    const lines = tokenize(grammar, [
      '# a note about exposure-lint-disable-next-line usage: see the docs',
      '# exposure-lint-disabled rule',
      'Name: value#exposure-lint-disable-line public-ip-on-backend',
    ].join('\n'));
    for (const line of lines) assertNoExposureScopes(line);
  });

  test(`${name}: CloudFormation intrinsic short tags`, { skip }, async () => {
    const grammar = await loadYaml(grammarFiles());
    const [ref, select, getAtt, sub] = tokenize(grammar, [
      '      VpcId: !Ref Vpc',
      '      AvailabilityZone: !Select [0, !GetAZs ""]',
      '  Endpoint: !GetAtt Db.Endpoint.Address',
      '        - !Sub "arn:${AWS::Partition}:s3:::logs"',
    ].join('\n'));
    assertScope(ref, '!', 'punctuation.definition.intrinsic.cloudformation');
    assertScope(ref, 'Ref', 'support.function.intrinsic.cloudformation');
    assertScope(select, 'Select', 'support.function.intrinsic.cloudformation');
    assertScope(select, 'GetAZs', 'support.function.intrinsic.cloudformation');
    assertScope(getAtt, 'GetAtt', 'support.function.intrinsic.cloudformation');
    assertScope(sub, 'Sub', 'support.function.intrinsic.cloudformation');
    assert.ok(!scopesOf(ref, 'Vpc').includes('support.function.intrinsic.cloudformation'));
  });

  test(`${name}: tags that are not intrinsics, and intrinsics inside strings, comments and block scalars`, { skip }, async () => {
    const grammar = await loadYaml(grammarFiles());
    const lines = tokenize(grammar, [
      'Custom: !Reference x',
      'Other: !Custom x',
      'Quoted: "!Ref Vpc"',
      'Note: x # uses !Ref Vpc',
      'Script: |',
      '  echo !Ref Vpc',
      'After: 1',
    ].join('\n'));
    for (const line of lines) assertNoExposureScopes(line);
  });
}

suite('minimal YAML host grammar', () => new Map([['source.yaml', join(__dirname.replace(/[\\/]out[\\/]test[\\/]/, '/test/'), 'fixtures/minimal-yaml.tmLanguage.json')]]), false);

suite('VS Code 1.100 YAML grammar', () => {
  const grammars = JSON.parse(readFileSync(join(VSCODE_YAML, 'package.json'), 'utf8')).contributes.grammars as { scopeName: string; path: string }[];
  return new Map(grammars.map((g) => [g.scopeName, join(VSCODE_YAML, g.path)]));
}, existsSync(join(VSCODE_YAML, 'package.json')) ? false : 'VS Code\'s YAML grammar is not here: run scripts/setup-code-server.sh to test against it');

test('package.json contributes the injection grammar into source.yaml', () => {
  assert.deepEqual(contribution, { scopeName: 'exposure-lint.injection', path: './syntaxes/exposure-lint.injection.tmLanguage.json', injectTo: ['source.yaml'] });
  const grammar = JSON.parse(readFileSync(join(ROOT, contribution.path), 'utf8'));
  assert.equal(grammar.scopeName, contribution.scopeName);
  assert.match(grammar.injectionSelector, /^L:source\.yaml /);
});
