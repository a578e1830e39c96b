// One template (CloudFormation file or Terraform JSON module) as texts, linted, with its model and topology, for the fix-safety checks.
import { buildCloudFormationModel, isCloudFormationTemplate } from '../../server/src/adapters/cloudformation';
import { buildTerraformModel, isTerraformJson } from '../../server/src/adapters/terraform';
import { lintText } from '../../server/src/engine/lint';
import { lintTerraformFiles } from '../../server/src/engine/lint-terraform';
import { Config, Finding } from '../../server/src/engine/types';
import { parseJson } from '../../server/src/source/json-parse';
import { parseSource } from '../../server/src/source/parse';
import { buildTopology } from '../../server/src/topology/build';
import { Topology } from '../../server/src/topology/topology';

export type TemplateKind = 'cloudformation' | 'terraform';

export interface TemplateState {
  kind: TemplateKind;
  texts: Map<string, string>;
  findings: Finding[];
  /** Undefined when the texts do not parse into a model. */
  topology?: Topology;
}

/** Lint texts and build the topology the rules saw (Terraform: no variable files are read beside the texts). */
export function stateOf(kind: TemplateKind, texts: Map<string, string>, config: Config): TemplateState {
  if (kind === 'cloudformation') {
    const [[path, text]] = [...texts];
    const findings = lintText(path, text, config).findings;
    const file = parseSource(path, text);
    const ok = file.root && !file.problems.some((p) => p.severity === 'error') && isCloudFormationTemplate(file.root);
    return { kind, texts, findings, topology: ok ? buildTopology(buildCloudFormationModel(file), config) : undefined };
  }
  const files = [...texts].map(([path, text]) => ({ path, text }));
  const findings = lintTerraformFiles(files, config, { varFiles: [] }).findings;
  const parsed = files.map((f) => parseJson(f.path, f.text)).filter((f) => f.root && !f.problems.some((p) => p.severity === 'error') && isTerraformJson(f.root));
  return { kind, texts, findings, topology: parsed.length ? buildTopology(buildTerraformModel(parsed, []), config) : undefined };
}

/** A finding's identity across edits: rule, resource and message (offsets move when text is inserted above). */
export function findingKey(finding: Finding): string {
  return `${finding.ruleId}|${finding.resource}|${finding.message}`;
}
