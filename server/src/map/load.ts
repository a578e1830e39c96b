// Reads what to draw (a template, a Terraform module, a CDK assembly, or folders of them) into map parts: model, topology, findings.
import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { buildCloudFormationModel, isCloudFormationTemplate } from '../adapters/cloudformation';
import { readCloudAssembly } from '../adapters/cdk';
import { findConfig, isIgnored, mergeConfig } from '../engine/config';
import { lintModel } from '../engine/lint';
import { readTerraformModule } from '../engine/lint-terraform';
import { Config, defaultConfig } from '../engine/types';
import { discoverTargets, Target } from '../engine/workspace';
import { parseSource } from '../source/parse';
import { buildTopology } from '../topology/build';
import { MapPart } from './build';

/** A CloudFormation template's text as one part; none when it is not a readable template. */
export function cloudFormationParts(path: string, text: string, config: Config, label = basename(path)): MapPart[] {
  const file = parseSource(path, text);
  if (!file.root || file.problems.some((p) => p.severity === 'error') || !isCloudFormationTemplate(file.root)) return [];
  const model = buildCloudFormationModel(file);
  return [{ label, model, topology: buildTopology(model, config), findings: lintModel(model, config) }];
}

/** A Terraform module (its *.tf and *.tf.json files, variable files and local child modules) as one part, read as the lint reads it. */
export function terraformParts(files: { path: string; text: string }[], config: Config, label?: string): MapPart[] {
  const { model } = readTerraformModule(files, config);
  if (!model) return [];
  return [{ label: label ?? basename(dirname(files[0].path)), model, topology: buildTopology(model, config), findings: lintModel(model, config) }];
}

/** Every stack of a CDK cloud assembly, one part each. */
export function cloudAssemblyParts(dir: string, config: Config): MapPart[] {
  const assembly = readCloudAssembly(dir);
  return assembly.stacks.flatMap((stack) => {
    let text: string;
    try {
      text = readFileSync(stack.templatePath, 'utf8');
    } catch {
      return []; // a stack whose template is missing: the lint command reports it
    }
    return cloudFormationParts(stack.templatePath, text, config, stack.displayName);
  });
}

/** Parts for one lint target; `texts` overrides disk contents (open editor documents). */
export function targetParts(target: Target, config: Config, texts?: ReadonlyMap<string, string>, cwd = process.cwd()): MapPart[] {
  const read = (path: string) => texts?.get(path) ?? readFileSync(path, 'utf8');
  const label = relative(cwd, target.path) || basename(target.path);
  if (target.kind === 'cdk') return cloudAssemblyParts(target.path, config);
  if (target.kind === 'terraform') return terraformParts((target.files ?? []).map((path) => ({ path, text: read(path) })), config, label);
  return cloudFormationParts(target.path, read(target.path), config, label);
}

/** Parts for files and folders as the lint command finds them (nearest config per target unless one is given). */
export function pathParts(paths: string[], options: { config?: Config; overrides?: Partial<Config>; cwd?: string } = {}): MapPart[] {
  const parts: MapPart[] = [];
  for (const target of discoverTargets(paths)) {
    const dir = target.kind === 'cloudformation' ? dirname(resolve(target.path)) : resolve(target.path);
    const base = options.config ?? findConfig(dir)?.config ?? defaultConfig();
    const config = options.overrides ? mergeConfig(base, options.overrides) : base;
    if (isIgnored(target.path, config) && !(target.explicit && target.kind === 'terraform')) continue;
    try {
      parts.push(...targetParts(target, config, undefined, options.cwd));
    } catch {
      continue; // the linter itself failed on this target: the lint command reports it; the map leaves it out
    }
  }
  return parts;
}
