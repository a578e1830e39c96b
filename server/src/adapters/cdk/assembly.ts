// Reads a CDK cloud assembly (cdk.out): stack templates, nested stage assemblies, construct metadata.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export interface CloudAssembly {
  dir: string;
  stacks: StackArtifact[];
  /** Problems reading the assembly (unreadable manifest, missing template). */
  problems: { file: string; message: string }[];
}

interface MetadataEntry {
  type?: string;
  data?: unknown;
  trace?: unknown;
}

interface Artifact {
  type?: string;
  displayName?: string;
  properties?: { templateFile?: string; directoryName?: string };
  metadata?: Record<string, MetadataEntry[]>;
  additionalMetadataFile?: string;
}

export function isCloudAssemblyDir(dir: string): boolean {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { artifacts?: unknown; version?: unknown };
    return typeof parsed === 'object' && parsed !== null && typeof parsed.artifacts === 'object';
  } catch {
    return false;
  }
}

/** Read the assembly at `dir` and every nested assembly (stages), depth first. */
export function readCloudAssembly(dir: string): CloudAssembly {
  const assembly: CloudAssembly = { dir, stacks: [], problems: [] };
  readInto(dir, assembly, new Set());
  return assembly;
}

function readInto(dir: string, assembly: CloudAssembly, seen: Set<string>): void {
  if (seen.has(dir)) return; // a manifest pointing at itself must not loop
  seen.add(dir);
  const manifestPath = join(dir, 'manifest.json');
  let artifacts: Record<string, Artifact>;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { artifacts?: Record<string, Artifact> };
    artifacts = manifest.artifacts ?? {};
  } catch (error) {
    assembly.problems.push({ file: manifestPath, message: `Cannot read cloud assembly manifest: ${(error as Error).message}` });
    return;
  }
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      assembly.stacks.push(readStack(dir, artifactId, artifact, assembly));
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      readInto(join(dir, artifact.properties.directoryName), assembly, seen);
    }
  }
}

function readStack(dir: string, artifactId: string, artifact: Artifact, assembly: CloudAssembly): StackArtifact {
  const stack: StackArtifact = {
    artifactId,
    displayName: artifact.displayName ?? artifactId,
    templatePath: join(dir, artifact.properties!.templateFile!),
    constructs: new Map(),
    logicalIds: new Map(),
  };
  addMetadata(stack, artifact.metadata);
  if (artifact.additionalMetadataFile) {
    const file = join(dir, artifact.additionalMetadataFile);
    try {
      addMetadata(stack, JSON.parse(readFileSync(file, 'utf8')) as Record<string, MetadataEntry[]>);
    } catch (error) {
      assembly.problems.push({ file, message: `Cannot read stack metadata: ${(error as Error).message}` });
    }
  }
  return stack;
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
