// Reads a CDK cloud assembly (cdk.out): stack templates, nested stage assemblies, construct metadata.
import { join } from 'node:path';
import { confine, realOrResolved } from '../../source/confine';
import { parseJson } from '../../source/json-parse';
import { readFailure, readTextFile } from '../../source/read-file';
import { Node, getValue, Span } from '../../source/tree';

/** A stack trace as recorded by aws-cdk-lib (frames as strings, innermost first). */
export type Trace = string[];

export interface PropertyTrace {
  /** CloudFormation property name (aws:cdk:propertyAssignment), e.g. SecurityGroupIngress. */
  property: string;
  trace: Trace;
}

export interface ConstructInfo {
  /** Construct path without the leading slash, e.g. ExposedStack/AdminHost/Resource. */
  path: string;
  logicalId?: string;
  /** Where the construct was created (aws:cdk:creationStack, or an entry's `trace` in older assemblies). */
  creationStack?: Trace;
  propertyAssignments: PropertyTrace[];
}

export interface StackArtifact {
  /** Artifact id in its manifest (ExposedStack, ProdBastion8D6858D1). */
  artifactId: string;
  /** Display name (Prod/Bastion). */
  displayName: string;
  /** Path of the template: `dir` as given by the caller joined with the template file. */
  templatePath: string;
  /** Construct metadata by construct path (no leading slash). */
  constructs: Map<string, ConstructInfo>;
  /** Logical ID -> construct path (no leading slash). */
  logicalIds: Map<string, string>;
}

/** Something in the assembly that could not be read or was refused; `span` points into `file` (a manifest's value). */
export interface AssemblyProblem {
  file: string;
  message: string;
  span?: Span;
}

export interface CloudAssembly {
  dir: string;
  stacks: StackArtifact[];
  /** Problems reading the assembly (unreadable or malformed manifest, missing template, a path leaving the assembly). */
  problems: AssemblyProblem[];
}

/** Names of the root in refusals. */
const ROOT_NAME = 'the cloud assembly';

interface MetadataEntry {
  type?: string;
  data?: unknown;
  trace?: unknown;
}

export function isCloudAssemblyDir(dir: string): boolean {
  try {
    const parsed = JSON.parse(readTextFile(join(dir, 'manifest.json'))) as { artifacts?: unknown; version?: unknown };
    return typeof parsed === 'object' && parsed !== null && 'artifacts' in parsed && typeof parsed.artifacts === 'object';
  } catch {
    return false;
  }
}

/** Read the assembly at `dir` and every nested assembly (stages), depth first; nothing outside `dir` is read. */
export function readCloudAssembly(dir: string): CloudAssembly {
  const assembly: CloudAssembly = { dir, stacks: [], problems: [] };
  readInto(dir, assembly, { root: dir, visited: new Set(), templates: new Set() });
  return assembly;
}

interface Walk {
  root: string;
  /** Assembly folders and templates by real path: each read once, whatever links or manifests say. */
  visited: Set<string>;
  templates: Set<string>;
}

/** A manifest as read: its plain value, and (when a problem needs a place) its positioned tree. */
class Manifest {
  private tree: Node | undefined | null = null;
  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** Where the value at `keys` is in the manifest (the nearest existing ancestor), for a problem. */
  spanOf(keys: string[]): Span {
    if (this.tree === null) this.tree = parseJson(this.path, this.text).root;
    let node = this.tree;
    let span: Span = { start: 0, end: 0 };
    for (const key of keys) {
      node = getValue(node, key);
      if (!node) break;
      span = node.span;
    }
    return span;
  }
}

function readInto(dir: string, assembly: CloudAssembly, walk: Walk): void {
  const real = realOrResolved(dir);
  if (walk.visited.has(real)) return; // a manifest or link pointing back must not loop or lint twice
  walk.visited.add(real);
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Manifest;
  let parsed: unknown;
  try {
    manifest = new Manifest(manifestPath, readTextFile(manifestPath));
  } catch (error) {
    assembly.problems.push({ file: manifestPath, message: `Cannot read cloud assembly manifest: ${readFailure(error)}` });
    return;
  }
  try {
    parsed = JSON.parse(manifest.text);
  } catch {
    // JSON.parse quotes the text in its message: never echo a file's content.
    assembly.problems.push({ file: manifestPath, message: 'Cloud assembly manifest is not valid JSON; nothing in it checked' });
    return;
  }
  const problem = (keys: string[], message: string) => assembly.problems.push({ file: manifestPath, message, span: manifest.spanOf(keys) });
  if (!isObject(parsed)) return void problem([], `Cloud assembly manifest is ${describe(parsed)}, not an object; nothing checked`);
  const artifacts = parsed.artifacts;
  if (artifacts === undefined) return;
  if (!isObject(artifacts)) return void problem(['artifacts'], `"artifacts" is ${describe(artifacts)}, not a map of artifacts; nothing checked`);
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    const at = ['artifacts', artifactId];
    if (!isObject(artifact)) {
      problem(at, `Artifact ${artifactId} is ${describe(artifact)}, not an object; not checked`);
      continue;
    }
    const properties = isObject(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'aws:cloudformation:stack') {
      const templateFile = properties.templateFile;
      if (typeof templateFile !== 'string' || !templateFile) {
        problem([...at, 'properties', 'templateFile'], `Stack ${artifactId} has no templateFile (a file name), it has ${describe(templateFile)}; not checked`);
        continue;
      }
      const confined = confine(walk.root, dir, templateFile, ROOT_NAME);
      if ('refused' in confined) {
        problem([...at, 'properties', 'templateFile'], `templateFile of stack ${artifactId} ${confined.refused}`);
        continue;
      }
      const realTemplate = realOrResolved(confined.path);
      if (walk.templates.has(realTemplate)) continue; // two artifacts naming one template: lint it once
      walk.templates.add(realTemplate);
      assembly.stacks.push(readStack(dir, artifactId, artifact, confined.path, assembly, walk, (keys, message) => problem([...at, ...keys], message)));
    } else if (artifact.type === 'cdk:cloud-assembly') {
      const directoryName = properties.directoryName;
      if (typeof directoryName !== 'string' || !directoryName) {
        problem([...at, 'properties', 'directoryName'], `Nested assembly ${artifactId} has no directoryName (a folder name), it has ${describe(directoryName)}; not checked`);
        continue;
      }
      const confined = confine(walk.root, dir, directoryName, ROOT_NAME);
      if ('refused' in confined) problem([...at, 'properties', 'directoryName'], `directoryName of nested assembly ${artifactId} ${confined.refused}`);
      else readInto(confined.path, assembly, walk);
    }
  }
}

function readStack(
  dir: string,
  artifactId: string,
  artifact: Record<string, unknown>,
  templatePath: string,
  assembly: CloudAssembly,
  walk: Walk,
  problem: (keys: string[], message: string) => void,
): StackArtifact {
  const stack: StackArtifact = {
    artifactId,
    displayName: typeof artifact.displayName === 'string' ? artifact.displayName : artifactId,
    templatePath,
    constructs: new Map(),
    logicalIds: new Map(),
  };
  addMetadata(stack, artifact.metadata as Record<string, MetadataEntry[]> | undefined);
  const extra = artifact.additionalMetadataFile;
  if (extra === undefined) return stack;
  if (typeof extra !== 'string' || !extra) {
    problem(['additionalMetadataFile'], `additionalMetadataFile of stack ${artifactId} is ${describe(extra)}, not a file name; not read`);
    return stack;
  }
  const confined = confine(walk.root, dir, extra, ROOT_NAME);
  if ('refused' in confined) {
    problem(['additionalMetadataFile'], `additionalMetadataFile of stack ${artifactId} ${confined.refused}`);
    return stack;
  }
  let text: string;
  try {
    text = readTextFile(confined.path);
  } catch (error) {
    assembly.problems.push({ file: confined.path, message: `Cannot read stack metadata: ${readFailure(error)}` });
    return stack;
  }
  try {
    addMetadata(stack, JSON.parse(text) as Record<string, MetadataEntry[]>);
  } catch {
    assembly.problems.push({ file: confined.path, message: `Stack metadata of ${artifactId} is not valid JSON; not read` });
  }
  return stack;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value's kind in words, never its content (which may come from any file). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value ? 'a string' : 'an empty string';
  return `a ${typeof value}`;
}

function addMetadata(stack: StackArtifact, metadata: Record<string, MetadataEntry[]> | undefined): void {
  if (!metadata || typeof metadata !== 'object') return;
  for (const [rawPath, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    const path = rawPath.replace(/^\//, '');
    const info = stack.constructs.get(path) ?? { path, propertyAssignments: [] };
    stack.constructs.set(path, info);
    for (const entry of entries) {
      if (!entry || typeof entry !== 'object') continue;
      // Older assemblies (CDK_DEBUG / --debug) put the creation stack on any entry as `trace`.
      if (!info.creationStack && isTrace(entry.trace)) info.creationStack = entry.trace;
      if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
        info.logicalId = entry.data;
        stack.logicalIds.set(entry.data, path);
      } else if (entry.type === 'aws:cdk:creationStack' && isTrace(entry.data)) {
        info.creationStack = entry.data;
      } else if (entry.type === 'aws:cdk:propertyAssignment' && entry.data && typeof entry.data === 'object') {
        const data = entry.data as { propertyName?: unknown; stackTrace?: unknown };
        if (typeof data.propertyName === 'string' && isTrace(data.stackTrace)) {
          info.propertyAssignments.push({ property: data.propertyName, trace: data.stackTrace });
        }
      }
    }
  }
}

function isTrace(value: unknown): value is Trace {
  return Array.isArray(value) && value.every((frame) => typeof frame === 'string');
}
