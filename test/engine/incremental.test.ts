// Incremental linting after an edit: the findings it returns always equal a full lint of the new text, and an edit
// inside a value nothing reads reuses the previous findings (moved) instead of linting again.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/rule-harness';
import { lintText } from '../../server/src/engine/lint';
import { IncrementalLint, lintTemplateEdit, TemplateSnapshot } from '../../server/src/engine/incremental';
import { changedRegion } from '../../server/src/source/text-diff';
import { Config, defaultConfig, Finding } from '../../server/src/engine/types';

const root = projectRoot();

/** Every CloudFormation file of the rules' and tests' fixtures and the examples. */
function cloudFormationFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(name) && !/\.tf\.json$/.test(name) && readFileSync(full, 'utf8').includes('AWS::')) out.push(full);
    }
  };
  for (const dir of ['rules', join('test', 'reach', 'fixtures'), join('test', 'resources'), 'examples']) walk(join(root, dir));
  return out.sort();
}

/** A small deterministic generator (the test is the same on every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What a user sees of a finding: everything but object identity. */
function plain(findings: Finding[]): unknown {
  return JSON.parse(JSON.stringify(findings));
}

const EDITS = ['a', 'Z', ' ', '1', '-', ': x', ' #', '"', "'", '{', '*', '&a ', '0.0.0.0/0', '\n'];

function edit(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

test('after any edit, the incremental result equals a full lint of the new text (fixtures and examples, random edits)', () => {
  const next = random(7);
  let reused = 0;
  let edits = 0;
  let ordinaryQuietEdits = 0;
  let reread = 0;
  for (const file of cloudFormationFiles()) {
    const config = defaultConfig();
    const original = readFileSync(file, 'utf8');
    let text = original;
    let snapshot: TemplateSnapshot = lintTemplateEdit(undefined, file, text, config).snapshot;
    for (let i = 0; i < 24; i++) {
      // Half the edits land inside a value the last lint did not read, where reuse is tried.
      const quiet = snapshot.quiet.length && next() < 0.5 ? snapshot.quiet[Math.floor(next() * snapshot.quiet.length)] : undefined;
      const at = quiet ? quiet.start + Math.floor(next() * (quiet.end - quiet.start + 1)) : Math.floor(next() * text.length);
      const remove = next() < 0.3 ? 1 : 0;
      const insert = remove && next() < 0.5 ? '' : EDITS[Math.floor(next() * EDITS.length)];
      // Now and then the user undoes back to the saved text (a broken template does not stay broken).
      const changed = next() < 0.2 ? original : edit(text, at, remove, insert);
      if (quiet && /^[aZ1-]?$/.test(insert)) ordinaryQuietEdits++;
      const result = lintTemplateEdit(snapshot, file, changed, config);
      const full = lintText(file, changed, config);
      assert.deepEqual(plain(result.snapshot.findings), plain(full.isTemplate ? full.findings : []), `${file}: edit at ${at} (${JSON.stringify(changed.slice(at - 10, at + 10))})`);
      if (result.how === 'moved') reused++;
      if (result.how === 'resource') reread++;
      edits++;
      text = changed;
      snapshot = result.snapshot;
    }
  }
  // The test proves something only if reuse happened often.
  assert.ok(edits > 500, `edits: ${edits}`);
  assert.ok(reused >= ordinaryQuietEdits / 2 && reused > 50, `reused ${reused} of ${edits}, ${ordinaryQuietEdits} ordinary edits inside quiet values`);
  assert.ok(reread > 100, `only the edited resource read again: ${reread} of ${edits}`);
});

const TEMPLATE = `Resources:
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Web servers
      VpcId: vpc-123
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-123
      SubnetId: subnet-123
      SecurityGroupIds: [!Ref AppSg]
`;

function typeInto(text: string, after: string, typed: string, config: Config = defaultConfig()): { texts: string[]; results: ReturnType<typeof lintTemplateEdit>[] } {
  let snapshot = lintTemplateEdit(undefined, 't.yaml', text, config).snapshot;
  const at = text.indexOf(after) + after.length;
  const texts: string[] = [];
  const results: ReturnType<typeof lintTemplateEdit>[] = [];
  for (let i = 1; i <= typed.length; i++) {
    const changed = text.slice(0, at) + typed.slice(0, i) + text.slice(at);
    const result = lintTemplateEdit(snapshot, 't.yaml', changed, config);
    texts.push(changed);
    results.push(result);
    snapshot = result.snapshot;
  }
  return { texts, results };
}

test('typing in a description reuses the findings, moved by what was typed', () => {
  const before = lintText('t.yaml', TEMPLATE).findings.find((f) => f.ruleId === 'world-open-admin-port');
  assert.ok(before, 'the template has the SSH finding');
  const { texts, results } = typeInto(TEMPLATE, 'GroupDescription: Web', ' and API');
  assert.deepEqual(results.map((r) => r.how === 'moved'), [true, true, true, true, true, true, true, true]);
  const after = results.at(-1)!.snapshot.findings.find((f) => f.ruleId === 'world-open-admin-port')!;
  assert.equal(after.loc.span.start, before.loc.span.start + ' and API'.length);
  assert.equal(texts.at(-1)!.slice(after.loc.span.start, after.loc.span.end), TEMPLATE.slice(before.loc.span.start, before.loc.span.end));
  assert.deepEqual(plain(results.at(-1)!.snapshot.findings), plain(lintText('t.yaml', texts.at(-1)!).findings));
});

test('typing at the start of a plain description reuses the findings too; a quote there lints in full', () => {
  const { texts, results } = typeInto(TEMPLATE, 'GroupDescription: ', 'New ');
  assert.deepEqual(results.map((r) => r.how === 'moved'), [true, true, true, true]);
  assert.deepEqual(plain(results.at(-1)!.snapshot.findings), plain(lintText('t.yaml', texts.at(-1)!).findings));
  assert.deepEqual(typeInto(TEMPLATE, 'GroupDescription: ', '"').results.map((r) => r.how === 'moved'), [false]);
});

test('typing in a value the rules read lints in full, and the finding follows the value', () => {
  // 0.0.0.0/0 -> 0.0.0.0/08 is still the world; the CIDR is read, so every keystroke is linted.
  const { results } = typeInto(TEMPLATE, 'CidrIp: 0.0.0.0/', '8');
  assert.deepEqual(results.map((r) => r.how === 'moved'), [false]);
  assert.equal(results[0].snapshot.findings.some((f) => f.ruleId === 'world-open-admin-port'), false);
});

/** Lints `changed` after `TEMPLATE` and checks it against a full lint; returns how it was linted. */
function afterEdit(changed: string, base = TEMPLATE): IncrementalLint['how'] {
  const first = lintTemplateEdit(undefined, 't.yaml', base, defaultConfig()).snapshot;
  const result = lintTemplateEdit(first, 't.yaml', changed, defaultConfig());
  assert.deepEqual(plain(result.snapshot.findings), plain(lintText('t.yaml', changed).findings), changed);
  return result.how;
}

test('an edit inside one resource reads only that resource again, and finds what a full lint finds', () => {
  // The port is read: the topology and rules run again, on the old tree with the one resource read anew.
  assert.equal(afterEdit(TEMPLATE.replace('FromPort: 22\n          ToPort: 22', 'FromPort: 3389\n          ToPort: 3389')), 'resource');
  // A new property line inside a resource.
  assert.equal(afterEdit(TEMPLATE.replace('      ImageId: ami-123\n', '      ImageId: ami-123\n      AssociatePublicIpAddress: true\n')), 'resource');
  // The last resource, and a resource renamed (its references now dangle).
  assert.equal(afterEdit(TEMPLATE.replace('SubnetId: subnet-123', 'SubnetId: subnet-9')), 'resource');
  assert.equal(afterEdit(TEMPLATE.replace('  App:\n', '  Api:\n')), 'resource');
  // Edits whose meaning depends on more than the resource are read in full.
  assert.equal(afterEdit(TEMPLATE.replace('  App:\n', '  AppSg:\n')), 'full'); // a second resource of that name
  assert.equal(afterEdit(TEMPLATE.replace('      VpcId: vpc-123\n', '  VpcId: vpc-123\n')), 'full'); // dedented out of its resource
  assert.equal(afterEdit(TEMPLATE.replace('GroupDescription: Web servers', 'GroupDescription: *web')), 'full'); // an alias
  assert.equal(afterEdit(TEMPLATE.replace('CidrIp: 0.0.0.0/0\n  App:', 'CidrIp: 0.0.0.0/0\n  App:\n    Type: AWS::EC2::Subnet\n  App2:')), 'full'); // across two resources
  assert.equal(afterEdit(TEMPLATE.replace('ToPort: 22', 'ToPort: [22')), 'full'); // broken
});

test('JSON: an edit inside one resource reads only that resource again; one that breaks out of it is read in full', () => {
  const json = JSON.stringify(
    {
      Resources: {
        AppSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'Web', VpcId: 'vpc-1', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] } },
        App: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: 'subnet-1', SecurityGroupIds: [{ Ref: 'AppSg' }] } },
      },
    },
    null,
    2,
  );
  const lint = (changed: string) => {
    const first = lintTemplateEdit(undefined, 't.json', json, defaultConfig()).snapshot;
    const result = lintTemplateEdit(first, 't.json', changed, defaultConfig());
    assert.deepEqual(plain(result.snapshot.findings), plain(lintText('t.json', changed).findings), changed);
    return result.how;
  };
  assert.equal(lint(json.replace('"FromPort": 22', '"FromPort": 3389').replace('"ToPort": 22', '"ToPort": 3389')), 'resource');
  assert.equal(lint(json.replace('"GroupDescription": "Web"', '"GroupDescription": "Web servers"')), 'moved');
  // Still inside App (a new key of the resource) ...
  assert.equal(lint(json.replace('"ImageId": "ami-1"', '"ImageId": "ami-1" }, "Extra": { "Type": "AWS::EC2::Subnet"')), 'resource');
  // ... and out of it: a new resource between App's braces.
  assert.equal(lint(json.replace('"ImageId": "ami-1"', '"ImageId": "ami-1" } }, "Extra": { "Type": "AWS::EC2::Subnet", "Properties": { "X": 1')), 'full');
});

test('an aliased value, a line with a comment, a new config: linted in full', () => {
  const anchored = TEMPLATE.replace('GroupDescription: Web servers', 'GroupDescription: &desc Web servers');
  assert.deepEqual(typeInto(anchored, 'Web', 'x').results.map((r) => r.how === 'moved'), [false]);
  const commented = TEMPLATE.replace('GroupDescription: Web servers', 'GroupDescription: Web servers # exposure-lint-disable-line');
  assert.deepEqual(typeInto(commented, 'Web', 'x').results.map((r) => r.how === 'moved'), [false]);
  const first = lintTemplateEdit(undefined, 't.yaml', TEMPLATE, defaultConfig()).snapshot;
  const changed = TEMPLATE.replace('Web servers', 'Web serversx');
  const other = { ...defaultConfig(), possible: false };
  assert.equal(lintTemplateEdit(first, 't.yaml', changed, other).how === 'moved', false);
  // Typing `: ` turns the description into a map: the text is another template now.
  assert.equal(lintTemplateEdit(first, 't.yaml', TEMPLATE.replace('Web servers', 'Web: servers'), defaultConfig()).how === 'moved', false);
});

test('changedRegion finds the one edited span', () => {
  assert.deepEqual(changedRegion('abcdef', 'abXcdef'), { start: 2, oldEnd: 2, newEnd: 3 });
  assert.deepEqual(changedRegion('abcdef', 'abdef'), { start: 2, oldEnd: 3, newEnd: 2 });
  assert.deepEqual(changedRegion('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(changedRegion('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
});
