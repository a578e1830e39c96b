// --format json: the documented shape, 1-based lines and columns, path steps and fixes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fixtureText, lineColOf, runCli } from './run-cli';

const publicIp = 'test/cli/fixtures/public-ip.yaml';

test('json findings carry rule, severity, file, 1-based range, resource, message, fixes and path', async () => {
  const run = await runCli(['--format', 'json', publicIp]);
  assert.equal(run.code, 1);
  const body = JSON.parse(run.stdout) as { findings: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(body), ['findings']);
  const text = fixtureText('public-ip.yaml');
  const ip = lineColOf(text, 'AssociatePublicIpAddress: true');
  const routeEnd = lineColOf(text, ' GatewayId: !Ref Igw');
  const finding = body.findings.find((f) => f.ruleId === 'public-ip-on-backend');
  assert.deepEqual(finding, {
    ruleId: 'public-ip-on-backend',
    severity: 'error',
    file: publicIp,
    range: { start: ip, end: { line: ip.line, column: ip.column + 'AssociatePublicIpAddress: true'.length } },
    resource: 'Web',
    message: 'Web gets a public IP in PublicA (0.0.0.0/0 -> Igw): reachable from the internet without the ALB',
    certainty: 'definite',
    fixes: [
      {
        title: 'Do not assign a public IP to Web',
        edits: [{ range: { start: { line: ip.line, column: ip.column + 'AssociatePublicIpAddress: '.length }, end: { line: ip.line, column: ip.column + 'AssociatePublicIpAddress: true'.length } }, newText: 'false' }],
      },
    ],
    path: [
      { file: publicIp, range: { start: lineColOf(text, 'PublicA:'), end: { line: lineColOf(text, 'PublicA:').line, column: 10 } }, message: 'PublicA uses route table PublicRoutes' },
      // The route's block ends after its last line, `      GatewayId: !Ref Igw` (the leading space keeps InternetGatewayId from matching).
      { file: publicIp, range: { start: lineColOf(text, 'DefaultRoute:'), end: { line: routeEnd.line, column: routeEnd.column + ' GatewayId: !Ref Igw'.length } }, message: 'PublicRoutes routes 0.0.0.0/0 to Igw' },
      { file: publicIp, range: { start: lineColOf(text, 'Igw:'), end: { line: lineColOf(text, 'Igw:').line, column: 6 } }, message: 'Igw is an internet gateway attached to the VPC' },
      { file: publicIp, range: { start: ip, end: { line: ip.line, column: ip.column + 'AssociatePublicIpAddress: true'.length } }, message: 'Web asks for a public IP' },
    ],
  });
});

test('a parse error in json: line and column of the bad indentation, no fixes, no resource', async () => {
  const run = await runCli(['--format', 'json', 'test/cli/fixtures/broken.yaml']);
  assert.equal(run.code, 1);
  assert.deepEqual(JSON.parse(run.stdout), {
    findings: [
      {
        ruleId: 'parse-error',
        severity: 'error',
        file: 'test/cli/fixtures/broken.yaml',
        range: { start: { line: 7, column: 24 }, end: { line: 7, column: 25 } },
        resource: '',
        message: 'YAML syntax error: bad indentation of a mapping entry',
        certainty: 'definite',
        fixes: [],
      },
    ],
  });
});

test('a clean run prints an empty findings list', async () => {
  const run = await runCli(['--format=json', 'test/cli/fixtures/clean.yaml']);
  assert.equal(run.code, 0);
  assert.deepEqual(JSON.parse(run.stdout), { findings: [] });
});
