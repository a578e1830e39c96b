// public-database: exact findings on the bad fixtures, none on the good one, the DMS default and its fix, ports, and every fix resolves its finding.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../server/src/engine/types';
import { applyEdits, assertAllFixesResolve, assertFindings, assertNoFindings, fixturePath, lintFile, lintSource } from '../../test/helpers/rule-harness';

const ID = 'public-database';

test('public-database: bad.yaml (RDS flag in a public subnet, Redshift under a condition, DMS and default-VPC defaults, OpenSearch without VPC, world-open ports; Aurora members judged by their cluster)', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.yaml')), ID, [
    {ruleId: "public-database", resource: "DbSg", range: {startLine: 85, startCol: 11, endLine: 85, endCol: 28}, message: "DbSg admits tcp 5432 from 0.0.0.0/0: the database port 5432 of Db is open to the internet", fixes: ["Remove the world-open rule from DbSg (the template does not say which backends use Db: admit their groups with SourceSecurityGroupId first, or they lose access)"]},
    {ruleId: "public-database", resource: "Db", range: {startLine: 99, startCol: 7, endLine: 99, endCol: 31}, message: "RDS instance Db is publicly accessible (PubliclyAccessible: true) in PublicA (0.0.0.0/0 -> Igw): reachable from the internet", fixes: ["Set PubliclyAccessible: false on Db"]},
    {ruleId: "public-database", resource: "Warehouse", range: {startLine: 117, startCol: 7, endLine: 117, endCol: 61}, message: "Redshift cluster Warehouse is publicly accessible (PubliclyAccessible: true): it gets a public endpoint when condition PublicWarehouse is true", when: [{condition: "PublicWarehouse", holds: true}], fixes: ["Set PubliclyAccessible: false on Warehouse"]},
    {ruleId: "public-database", resource: "Replication", range: {startLine: 124, startCol: 3, endLine: 124, endCol: 14}, message: "DMS replication instance Replication is publicly accessible (PubliclyAccessible is not set, and DMS defaults to true): it gets a public endpoint", fixes: ["Set PubliclyAccessible: false on Replication"]},
    {ruleId: "public-database", resource: "Search", range: {startLine: 129, startCol: 3, endLine: 129, endCol: 9}, message: "OpenSearch domain Search has no VPCOptions: its endpoint is public on the internet, outside the VPC", fixes: []},
    {ruleId: "public-database", resource: "CacheOpen", range: {startLine: 148, startCol: 7, endLine: 148, endCol: 21}, message: "CacheSg admits tcp 6000-7000 from ::/0: the database port 6379 of Cache is open to anything that reaches the VPC (Cache is not publicly accessible and sits in private subnets, so not to the internet today)", fixes: ["Remove the world-open rule from CacheSg (the template does not say which backends use Cache: admit their groups with SourceSecurityGroupId first, or they lose access)"]},
    {ruleId: "public-database", resource: "LegacyDb", range: {startLine: 164, startCol: 3, endLine: 164, endCol: 11}, message: "RDS instance LegacyDb is publicly accessible (PubliclyAccessible is not set, and an instance without DBSubnetGroupName defaults to true) in the default VPC (all subnets public): reachable from the internet", fixes: ["Set PubliclyAccessible: false on LegacyDb"]},
  ]);
});

test('public-database: bad.json', () => {
  assertFindings(lintFile(fixturePath(ID, 'bad.json')), ID, [
    {ruleId: "public-database", resource: "DbSg", range: {startLine: 168, startCol: 13, endLine: 168, endCol: 34}, message: "DbSg admits tcp 5432 from 0.0.0.0/0: the database port 5432 of Db is open to the internet", fixes: ["Remove the world-open rule from DbSg (the template does not say which backends use Db: admit their groups with SourceSecurityGroupId first, or they lose access)"]},
    {ruleId: "public-database", resource: "Db", range: {startLine: 193, startCol: 9, endLine: 193, endCol: 35}, message: "RDS instance Db is publicly accessible (PubliclyAccessible: true) in PublicA (0.0.0.0/0 -> Igw): reachable from the internet", fixes: ["Set PubliclyAccessible: false on Db"]},
    {ruleId: "public-database", resource: "Warehouse", range: {startLine: 223, startCol: 9, endLine: 229, endCol: 10}, message: "Redshift cluster Warehouse is publicly accessible (PubliclyAccessible: true): it gets a public endpoint when condition PublicWarehouse is true", when: [{condition: "PublicWarehouse", holds: true}], fixes: ["Set PubliclyAccessible: false on Warehouse"]},
    {ruleId: "public-database", resource: "Replication", range: {startLine: 243, startCol: 5, endLine: 243, endCol: 18}, message: "DMS replication instance Replication is publicly accessible (PubliclyAccessible is not set, and DMS defaults to true): it gets a public endpoint", fixes: ["Set PubliclyAccessible: false on Replication"]},
    {ruleId: "public-database", resource: "Search", range: {startLine: 252, startCol: 5, endLine: 252, endCol: 13}, message: "OpenSearch domain Search has no VPCOptions: its endpoint is public on the internet, outside the VPC", fixes: []},
    {ruleId: "public-database", resource: "CacheOpen", range: {startLine: 280, startCol: 9, endLine: 280, endCol: 27}, message: "CacheSg admits tcp 6000-7000 from ::/0: the database port 6379 of Cache is open to anything that reaches the VPC (Cache is not publicly accessible and sits in private subnets, so not to the internet today)", fixes: ["Remove the world-open rule from CacheSg (the template does not say which backends use Cache: admit their groups with SourceSecurityGroupId first, or they lose access)"]},
    {ruleId: "public-database", resource: "LegacyDb", range: {startLine: 313, startCol: 5, endLine: 313, endCol: 15}, message: "RDS instance LegacyDb is publicly accessible (PubliclyAccessible is not set, and an instance without DBSubnetGroupName defaults to true) in the default VPC (all subnets public): reachable from the internet", fixes: ["Set PubliclyAccessible: false on LegacyDb"]},
  ]);
});

test('public-database: good.yaml has no findings', () => {
  assertNoFindings(lintFile(fixturePath(ID, 'good.yaml')), ID);
});

test('public-database: each fix applied, re-parsed and re-linted resolves its finding', () => {
  for (const name of ['bad.json', 'bad.yaml']) assertAllFixesResolve(lintFile(fixturePath(ID, name)), ID);
});

test('public-database: the fixes write PubliclyAccessible: false (in place, over an Fn::If, or added for the DMS default)', () => {
  const linted = lintFile(fixturePath(ID, 'bad.yaml'));
  const fixed = (resource: string) => applyEdits(linted.text, linted.findings.find((f) => f.ruleId === ID && f.resource === resource)!.fixes[0].edits);
  assert.equal(fixed('Db'), linted.text.replace('      PubliclyAccessible: true\n', '      PubliclyAccessible: false\n'));
  assert.equal(fixed('Warehouse'), linted.text.replace('PubliclyAccessible: !If [PublicWarehouse, true, false]', 'PubliclyAccessible: false'));
  assert.equal(fixed('Replication'), linted.text.replace('      ReplicationSubnetGroupIdentifier: !Ref ReplicationSubnets\n', '      ReplicationSubnetGroupIdentifier: !Ref ReplicationSubnets\n      PubliclyAccessible: false\n'));
  const json = lintFile(fixturePath(ID, 'bad.json'));
  const dms = json.findings.find((f) => f.ruleId === ID && f.resource === 'Replication')!;
  assert.equal(applyEdits(json.text, dms.fixes[0].edits), json.text.replace('"ReplicationSubnetGroupIdentifier": {\n          "Ref": "ReplicationSubnets"\n        }\n', '"ReplicationSubnetGroupIdentifier": {\n          "Ref": "ReplicationSubnets"\n        },\n        "PubliclyAccessible": false\n'));
});

test("public-database: the database's own Port decides which world-open rule exposes it", () => {
  const path = fixturePath(ID, 'bad.yaml');
  // Db now listens on 6543: the world-open 5432 is no database port of it (backend-open-to-internet reports the rule instead).
  const text = readFileSync(path, 'utf8').replace('      Engine: postgres\n', '      Engine: postgres\n      Port: 6543\n');
  const linted = lintSource(path, text);
  assert.deepEqual(linted.findings.filter((f) => f.ruleId === ID && f.resource === 'DbSg'), []);
  assert.deepEqual(linted.findings.filter((f) => f.ruleId === 'backend-open-to-internet' && f.resource === 'DbSg').map((f) => f.message), ['DbSg admits tcp 5432 from 0.0.0.0/0: Db is reachable without the ALB']);
  const moved = lintSource(path, text.replace('          FromPort: 5432\n          ToPort: 5432\n          CidrIp: 0.0.0.0/0\n', '          FromPort: 6543\n          ToPort: 6543\n          CidrIp: 0.0.0.0/0\n'));
  assert.deepEqual(moved.findings.filter((f) => f.ruleId === ID && f.resource === 'DbSg').map((f) => f.message), ['DbSg admits tcp 6543 from 0.0.0.0/0: the database port 6543 of Db is open to the internet']);
});

test('public-database: a disable-next-line comment, Metadata and an intended edge silence it', () => {
  const path = fixturePath(ID, 'bad.yaml');
  const text = readFileSync(path, 'utf8')
    .replace('  Search:\n', '  # exposure-lint-disable-next-line public-database -- public search demo\n  Search:\n')
    .replace('  Replication:\n    Type: AWS::DMS::ReplicationInstance\n', '  Replication:\n    Type: AWS::DMS::ReplicationInstance\n    Metadata:\n      exposure-lint:\n        suppress:\n          public-database: "one-off migration from on-premises"\n');
  assert.deepEqual(lintSource(path, text).findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['DbSg', 'Db', 'Warehouse', 'CacheOpen', 'LegacyDb']);
  const edge = lintFile(path, { ...defaultConfig(), intendedEdges: ['Warehouse'] });
  assert.deepEqual(edge.findings.filter((f) => f.ruleId === ID).map((f) => f.resource), ['DbSg', 'Db', 'Replication', 'Search', 'CacheOpen', 'LegacyDb']);
});

test('public-database: a group serving databases alone is theirs whatever port it opens to the world (a snapshot keeps its own port); one finding, not two', () => {
  const linted = lintFile(fixturePath(ID, 'group-only.yaml'));
  // ClientCidr defaults to 0.0.0.0/0; Aurora is restored from a snapshot, so 5432 (the engine's default) is no proof 3306 is closed.
  assertFindings(linted, ID, [
    {ruleId: "public-database", resource: "AuroraSg", range: {startLine: 38, startCol: 11, endLine: 38, endCol: 34}, message: "AuroraSg admits tcp 3306 from 0.0.0.0/0: it serves only the databases Aurora and AuroraWriter, which are open to anything that reaches the VPC (Aurora and AuroraWriter are not publicly accessible and sit in private subnets, so not to the internet today) (no Port is written: the engine's default or a snapshot's port may be in tcp 3306)", fixes: ["Remove the world-open rule from AuroraSg (the template does not say which backends use Aurora and AuroraWriter: admit their groups with SourceSecurityGroupId first, or they lose access)"]},
  ]);
  // The general rule leaves it to public-database; a group shared with a server, on a port no database listens on, stays its.
  assertFindings(linted, 'backend-open-to-internet', [
    {ruleId: "backend-open-to-internet", resource: "ServerSg", range: {startLine: 68, startCol: 11, endLine: 68, endCol: 28}, message: "ServerSg admits tcp 8080 from 0.0.0.0/0: Server and Db sit in private subnets with no public IP, so nothing reaches them from the internet today: admit only the groups that need them"},
  ]);
  assertAllFixesResolve(linted, ID);
});
