// Decides what a document is to the linter: a CloudFormation template (by content), a Terraform file,
// a CDK app source file with a synthesized cdk.out, or nothing (then the server stays silent).
import { basename, dirname, sep } from 'node:path';
import { findAssemblyFor } from '../engine/lint-cdk';
import { isCloudAssemblyDir } from '../adapters/cdk';

export type DocumentKind =
  | { kind: 'cloudformation'; /** Set when the template belongs to a cloud assembly (cdk.out). */ assembly?: string }
  | { kind: 'terraform' }
  | { kind: 'cdk-source'; assembly: string };

/** Terraform configuration (HCL or JSON) and variable files (linted with their module). */
const TERRAFORM = /\.(tf|tfvars)(\.json)?$/i;
const CDK_SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/i;
const DECLARATION = /\.d\.[mc]?ts$/i;
/** Cheap first look before parsing: a template names AWS types or the format version near the top or in Resources. */
const MAYBE_TEMPLATE = /AWSTemplateFormatVersion|AWS::/;
/** Names a CloudFormation template can have (or none: untitled documents, extensionless files); not Markdown and the like. */
const TEMPLATE_NAME = /(^|[\\/])[^.\\/]*$|\.(ya?ml|json|jsonc|template|cfn|tpl|txt)$/i;
const SKIPPED_SEGMENT = new RegExp(`\\${sep}(node_modules|\\.git)\\${sep}`);

/**
 * What to lint `text` as. CloudFormation is decided here only roughly (the engine's own check on the
 * parsed tree decides, and a non-template then yields no diagnostics), so Compose, Kubernetes and
 * package.json stay silent without being parsed.
 */
export function detectKind(path: string | undefined, uri: string, text: string): DocumentKind | undefined {
  const name = path ?? uri;
  if (path && SKIPPED_SEGMENT.test(path)) return undefined;
  if (TERRAFORM.test(name)) return path ? { kind: 'terraform' } : undefined;
  if (CDK_SOURCE.test(name)) {
    if (!path || DECLARATION.test(name)) return undefined;
    const assembly = findAssemblyFor(path);
    return assembly ? { kind: 'cdk-source', assembly } : undefined;
  }
  if (!MAYBE_TEMPLATE.test(text)) return undefined;
  if (path && !TEMPLATE_NAME.test(path)) return undefined;
  if (path && basename(path) === 'package.json') return undefined;
  const assembly = path ? assemblyContaining(path) : undefined;
  return assembly ? { kind: 'cloudformation', assembly } : { kind: 'cloudformation' };
}

/** The cloud assembly folder a template sits in (cdk.out or a nested stage assembly), if any. */
export function assemblyContaining(path: string): string | undefined {
  const dir = dirname(path);
  if (!/\.template\.json$/i.test(path)) return undefined;
  return isCloudAssemblyDir(dir) ? dir : undefined;
}
