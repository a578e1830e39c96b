// Gives each finding of a stack template its construct path, its line in the app's source and source-level fixes.
import { Finding } from '../../engine/types';
import { SourceFile, getValue, positionAt, scalarString, toPlain } from '../../source/tree';
import { StackArtifact } from './assembly';
import { AppSources } from './app-sources';
import { locateConstruct } from './locate';
import { IngressRuleFacts, propertySite } from './property-site';
import { sourceFixes } from './source-fixes';
import { PathSegment, nodeAtPath, propertyNames, propertyPathAnywhere } from './template-paths';

export function mapFindingsToSource(findings: Finding[], stack: StackArtifact, template: SourceFile | undefined, sources: AppSources): Finding[] {
  const name = constructNamer(stack, template);
  return findings.map((finding) => name(mapFinding(finding, stack, template, sources))).filter((finding) => !suppressedInSource(finding, sources));
}

const SOURCE_DIRECTIVE = /\/\/\s*exposure-lint-disable-(next-line|line)\b([^\n]*)$/;

/**
 * `// exposure-lint-disable-next-line <rule>` above the source line a finding maps to (or `-line` at its
 * end) silences it, as the YAML comment does in a template; no rule names: every rule.
 */
function suppressedInSource(finding: Finding, sources: AppSources): boolean {
  if (!finding.source) return false;
  const file = sources.read(finding.source.file);
  if (!file || !file.text.includes('exposure-lint-disable')) return false;
  const lineText = (line: number) => (line < 0 || line >= file.lineStarts.length ? '' : file.text.slice(file.lineStarts[line], line + 1 < file.lineStarts.length ? file.lineStarts[line + 1] - 1 : file.text.length).replace(/\r$/, ''));
  const covers = (text: string, kind: string) => {
    const match = SOURCE_DIRECTIVE.exec(text);
    if (!match || match[1] !== kind) return false;
    const rules = match[2].split('--')[0].split(/[\s,]+/).filter(Boolean);
    return !rules.length || rules.includes(finding.ruleId);
  };
  const line = finding.source.range.start.line;
  let above = line - 1;
  while (above >= 0 && /^\s*$/.test(lineText(above))) above--;
  return covers(lineText(line), 'line') || covers(lineText(above), 'next-line');
}

/**
 * Messages name constructs as the user wrote them (`ShopStack/AdminSg`), not by the hashed logical IDs the
 * CDK derives from them (`AdminSg34EB5EC7`). `resource` keeps the logical ID: suppressions and the template use it.
 */
function constructNamer(stack: StackArtifact, template: SourceFile | undefined): (finding: Finding) => Finding {
  return renamer(constructNames(stack, template));
}

/** Messages with logical IDs again (the exposure diff pairs findings by IDs and follows their renames). */
export function restoreLogicalIds(findings: Finding[], stack: StackArtifact, template: SourceFile | undefined): Finding[] {
  const back = new Map<string, string>();
  for (const [id, name] of constructNames(stack, template)) back.set(name, id);
  const rename = renamer(back);
  return findings.map(rename);
}

/** Logical ID -> construct path shown for it, from the manifest's metadata or the template's aws:cdk:path. */
function constructNames(stack: StackArtifact, template: SourceFile | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const [logicalId, path] of stack.logicalIds) names.set(logicalId, displayPath(path));
  const resources = getValue(template?.root, 'Resources');
  if (resources && resources.kind === 'map') {
    for (const pair of resources.pairs) {
      const id = scalarString(pair.key);
      if (!id || names.has(id)) continue;
      const path = pathFromTemplate(template, id);
      if (path) names.set(id, displayPath(path));
    }
  }
  for (const [id, name] of names) if (id === name) names.delete(id);
  return names;
}

/** Replaces whole-word occurrences of the map's keys in a finding's message and path steps. */
function renamer(names: Map<string, string>): (finding: Finding) => Finding {
  if (!names.size) return (finding) => finding;
  const keys = [...names.keys()].sort((a, b) => b.length - a.length).map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w/])(?:${keys.join('|')})(?![\\w/])`, 'g');
  const rename = (text: string) => text.replace(pattern, (key) => names.get(key) ?? key);
  return (finding) => ({ ...finding, message: rename(finding.message), path: finding.path.map((step) => ({ ...step, message: rename(step.message) })) });
}

/** `ShopStack/AdminSg/Resource` -> `ShopStack/AdminSg`: the construct the user created, not its CloudFormation child. */
function displayPath(constructPath: string): string {
  return constructPath.replace(/^\//, '').replace(/\/(Resource|Default)$/, '');
}

function mapFinding(finding: Finding, stack: StackArtifact, template: SourceFile | undefined, sources: AppSources): Finding {
  const logicalId = logicalIdOf(finding.resource, stack, template);
  if (!logicalId) return finding;
  const constructPath = finding.constructPath ?? stack.logicalIds.get(logicalId) ?? pathFromTemplate(template, logicalId);
  if (!constructPath) return finding;
  const mapped: Finding = { ...finding, constructPath };
  const site = locateConstruct(stack, constructPath, sources);
  if (!site) return mapped;

  const onTemplate = template && finding.loc.file === template.path;
  const at = onTemplate ? propertyPathAnywhere(template, finding.loc.span.start) : undefined;
  let locPath = at?.path;
  let facts: IngressRuleFacts | undefined;
  const type = template ? scalarString(getValue(getValue(getValue(template.root, 'Resources'), logicalId), 'Type')) : undefined;
  if (template && type === 'AWS::EC2::SecurityGroupIngress') {
    // A standalone rule resource reads like one item of the group's inline list.
    facts = ruleFacts(toPlain(getValue(getValue(getValue(template.root, 'Resources'), logicalId), 'Properties')));
    locPath = ['SecurityGroupIngress'];
  } else if (template && locPath && at?.resourceId === logicalId && (locPath[0] === 'SecurityGroupIngress' || locPath[0] === 'SecurityGroupEgress') && typeof locPath[1] === 'number') {
    facts = ruleFacts(toPlain(nodeAtPath(template, logicalId, locPath.slice(0, 2))));
  }
  const relevant = relevantProperties(finding, template, locPath);
  const cfnProps = propertyNames(locPath);
  const property = propertySite(site, cfnProps.length ? cfnProps : firstOf(relevant), stack.constructs.get(constructPath), sources, facts);
  const span = property?.span ?? site.span;
  const start = positionAt(site.file.lineStarts, span.start);
  const end = positionAt(site.file.lineStarts, span.end);
  mapped.source = { file: site.file.path, range: { start, end } };
  mapped.fixes = [...finding.fixes, ...sourceFixes(site, relevant, property, constructLabel(constructPath))];
  return mapped;
}

/** The finding's resource as a logical ID of this template (`Sg.ingress[0]` -> `Sg`). */
function logicalIdOf(resource: string, stack: StackArtifact, template: SourceFile | undefined): string | undefined {
  const resources = getValue(template?.root, 'Resources');
  for (const candidate of [resource, resource.split(/[.[]/)[0]]) {
    if (!candidate) continue;
    if (stack.logicalIds.has(candidate) || getValue(resources, candidate)) return candidate;
  }
  return undefined;
}

/** Template Metadata aws:cdk:path (present when synthesized by the CDK CLI). */
function pathFromTemplate(template: SourceFile | undefined, logicalId: string): string | undefined {
  const metadata = getValue(getValue(getValue(template?.root, 'Resources'), logicalId), 'Metadata');
  return scalarString(getValue(metadata, 'aws:cdk:path'));
}

/** Properties the finding is about: where it points and what its template fixes edit; undefined when unknown. */
function relevantProperties(finding: Finding, template: SourceFile | undefined, locPath: PathSegment[] | undefined): Set<string> | undefined {
  const names = new Set(propertyNames(locPath));
  if (template) {
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        if (edit.file !== template.path) continue;
        for (const name of propertyNames(propertyPathAnywhere(template, edit.span.start)?.path)) names.add(name);
      }
    }
  }
  return names.size ? names : undefined;
}

function firstOf(relevant: Set<string> | undefined): string[] {
  return relevant ? [...relevant] : [];
}

function ruleFacts(plain: unknown): IngressRuleFacts | undefined {
  if (!plain || typeof plain !== 'object') return undefined;
  const rule = plain as Record<string, unknown>;
  const cidr = typeof rule.CidrIp === 'string' ? rule.CidrIp : typeof rule.CidrIpv6 === 'string' ? rule.CidrIpv6 : undefined;
  const fromPort = typeof rule.FromPort === 'number' ? rule.FromPort : typeof rule.FromPort === 'string' ? Number(rule.FromPort) : undefined;
  return { cidr, fromPort };
}

/** `ExposedStack/AdminHost/Resource` -> `AdminHost`. */
function constructLabel(constructPath: string): string {
  const parts = constructPath.split('/').filter((part) => part !== 'Resource' && part !== 'Default');
  return parts[parts.length - 1] ?? constructPath;
}
