// terraformSuppressionEdits: a "//" exposure-lint suppression added to one resource, merged with what is there.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../server/src/source/json-parse';
import { terraformSuppressionEdits } from '../../../server/src/adapters/terraform/suppress';
import { fixtureDir, lintFiles, moduleFiles } from './helpers';

function suppressed(text: string, resource: string, rule: string): string {
  const edits = terraformSuppressionEdits(parseJson('main.tf.json', text), resource, rule, 'ok');
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  if (edits.length) JSON.parse(out);
  return out;
}

const wrap = (body: string) => `{\n  "resource": {\n    "aws_instance": {\n      "admin": ${body}\n    }\n  }\n}\n`;

test('a resource without "//" gets one; the file keeps its formatting', () => {
  assert.equal(
    suppressed(wrap('{\n        "ami": "ami-1"\n      }'), 'aws_instance.admin', 'public-ip-on-backend'),
    wrap('{\n        "ami": "ami-1",\n        "//": {\n          "exposure-lint": {\n            "suppress": {\n              "public-ip-on-backend": "ok"\n            }\n          }\n        }\n      }'),
  );
});

test('existing "//" objects, suppress maps, lists and strings are extended; a plain comment is kept', () => {
  assert.equal(suppressed(wrap('{"//": {"metadata": {"path": "web/Admin"}}, "ami": "ami-1"}'), 'aws_instance.admin', 'r'), wrap('{"//": {"metadata": {"path": "web/Admin"}, "exposure-lint": {"suppress": {"r": "ok"}}}, "ami": "ami-1"}'));
  assert.equal(suppressed(wrap('{"//": {"exposure-lint": {"intended-edge": true}}}'), 'aws_instance.admin', 'r'), wrap('{"//": {"exposure-lint": {"intended-edge": true, "suppress": {"r": "ok"}}}}'));
  assert.equal(suppressed(wrap('{"//": {"exposure-lint": {"suppress": {"a": "why"}}}}'), 'aws_instance.admin', 'r'), wrap('{"//": {"exposure-lint": {"suppress": {"a": "why", "r": "ok"}}}}'));
  assert.equal(suppressed(wrap('{"//": {"exposure-lint": {"suppress": ["a"]}}}'), 'aws_instance.admin', 'r'), wrap('{"//": {"exposure-lint": {"suppress": ["a", "r"]}}}'));
  assert.equal(suppressed(wrap('{"//": {"exposure-lint": {"suppress": "a"}}}'), 'aws_instance.admin', 'r'), wrap('{"//": {"exposure-lint": {"suppress": "a, r"}}}'));
  assert.equal(suppressed(wrap('{"//": "kept", "ami": "ami-1"}'), 'aws_instance.admin', 'r'), wrap('{"//": {"comment": "kept", "exposure-lint": {"suppress": {"r": "ok"}}}, "ami": "ami-1"}'));
});

test('nothing to do: already suppressed, "*", or no such resource', () => {
  for (const body of ['{"//": {"exposure-lint": {"suppress": {"r": "why"}}}}', '{"//": {"exposure-lint": {"suppress": ["*"]}}}', '{"//": {"exposure-lint": {"suppress": "*"}}}']) {
    assert.equal(terraformSuppressionEdits(parseJson('main.tf.json', wrap(body)), 'aws_instance.admin', 'r').length, 0, body);
  }
  assert.deepEqual(terraformSuppressionEdits(parseJson('main.tf.json', wrap('{}')), 'aws_instance.other', 'r'), []);
});

test('the added suppression silences the finding, and only it', () => {
  const [file] = moduleFiles(fixtureDir('suppress'));
  const before = lintFiles([file]).findings.filter((f) => f.resource === 'aws_instance.plain').map((f) => f.ruleId);
  assert.deepEqual(before, ['backend-in-public-subnet', 'public-ip-on-backend']);
  const edits = terraformSuppressionEdits(parseJson(file.path, file.text), 'aws_instance.plain', 'public-ip-on-backend');
  let text = file.text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
  const after = lintFiles([{ path: file.path, text }]).findings.filter((f) => f.resource === 'aws_instance.plain').map((f) => f.ruleId);
  assert.deepEqual(after, ['backend-in-public-subnet']);
});
