// --format sarif: a SARIF 2.1.0 log GitHub code scanning accepts (required fields checked by hand, no network schema).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureText, lineColOf, ROOT, runCli } from './run-cli';

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Record<string, any>[] } };
    results: Record<string, any>[];
  }[];
}

async function sarifFor(...args: string[]): Promise<SarifLog> {
  const run = await runCli(['--format', 'sarif', ...args]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return JSON.parse(run.stdout) as SarifLog;
}

test('the driver lists every rule with descriptions, Markdown help from the rule doc, helpUri and level', async () => {
  const log = await sarifFor('test/cli/fixtures/clean.yaml');
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.name, 'exposure-lint');
  assert.equal(driver.version, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  assert.match(driver.informationUri, /^https:\/\//);
  assert.deepEqual(log.runs[0].results, []);
  const rule = driver.rules.find((r) => r.id === 'public-ip-on-backend');
  assert.ok(rule, 'public-ip-on-backend listed');
  assert.match(rule.shortDescription.text, /gets a public IP/);
  assert.ok(rule.fullDescription.text.length > 0);
  const doc = readFileSync(join(ROOT, 'rules/public-ip-on-backend/public-ip-on-backend.md'), 'utf8');
  assert.equal(rule.help.markdown, doc);
  assert.equal(rule.help.text, doc);
  assert.match(rule.helpUri, /rules\/public-ip-on-backend\/public-ip-on-backend\.md$/);
  assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
  for (const r of driver.rules) {
    assert.match(r.id, /^[a-z0-9-]+$/);
    assert.ok(r.shortDescription.text && r.fullDescription.text && r.help.text && r.helpUri, `metadata of ${r.id}`);
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level));
  }
});

test('a result has ruleId, ruleIndex, level, message, a %SRCROOT%-relative location, related path steps, fixes and fingerprints', async () => {
  const log = await sarifFor('test/cli/fixtures/public-ip.yaml');
  const { driver } = log.runs[0].tool;
  const result = log.runs[0].results.find((r) => r.ruleId === 'public-ip-on-backend')!;
  assert.equal(driver.rules[result.ruleIndex].id, 'public-ip-on-backend');
  assert.equal(result.level, 'error');
  assert.equal(result.message.text, 'Web gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB');
  const ip = lineColOf(fixtureText('public-ip.yaml'), 'AssociatePublicIpAddress: true');
  const end = ip.column + 'AssociatePublicIpAddress: true'.length;
  assert.deepEqual(result.locations[0].physicalLocation, {
    artifactLocation: { uri: 'test/cli/fixtures/public-ip.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: ip.line, startColumn: ip.column, endLine: ip.line, endColumn: end },
  });
  assert.deepEqual(result.relatedLocations.map((l: any) => l.message.text), ['PublicA uses route table PublicRoutes', 'PublicRoutes routes 0.0.0.0/0 to Igw', 'Igw is an internet gateway attached to the VPC', 'Web asks for a public IP']);
  assert.deepEqual(result.relatedLocations.map((l: any) => l.id), [1, 2, 3, 4]);
  assert.deepEqual(result.fixes, [
    {
      description: { text: 'Do not assign a public IP to Web' },
      artifactChanges: [
        {
          artifactLocation: { uri: 'test/cli/fixtures/public-ip.yaml', uriBaseId: '%SRCROOT%' },
          replacements: [{ deletedRegion: { startLine: ip.line, startColumn: end - 4, endLine: ip.line, endColumn: end }, insertedContent: { text: 'false' } }],
        },
      ],
    },
  ]);
  assert.match(result.partialFingerprints['exposureLint/v1'], /^[0-9a-f]{32}$/);
  const warning = log.runs[0].results.find((r) => r.ruleId === 'backend-in-public-subnet')!;
  assert.equal(warning.level, 'warning');
  assert.notEqual(warning.partialFingerprints['exposureLint/v1'], result.partialFingerprints['exposureLint/v1']);
});

test('fingerprints survive lines moving', async () => {
  const a = await sarifFor('test/cli/fixtures/public-ip.yaml');
  const b = await sarifFor('test/cli/fixtures/public-ip.yaml');
  assert.deepEqual(a.runs[0].results.map((r) => r.partialFingerprints), b.runs[0].results.map((r) => r.partialFingerprints));
});
