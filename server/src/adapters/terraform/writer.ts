// Terraform JSON FixWriter: renders model-level fixes as minimal JSON edits that keep each file's formatting.
// Rules speak in the model's terms; names and values given CloudFormation-style are mapped to Terraform here.
import { MapNode, Node, PairNode, SeqNode, SourceFile, getPair } from '../../source/tree';
import { EntityBase, FixWriter, JsonValue, Loc, Prop, TextEdit } from '../../model/types';
import { SpanEdit, appendItem, findMember, indentAt, insertPair, removeMember, renderJson, replaceValue, startsLine, styleFor } from '../json-edit';
import { TfModule, objectsOf } from './module';
import { HclEdit, HclWriter } from './hcl/writer';

/** CloudFormation property names whose Terraform argument is not their snake_case form. */
const NAME_OVERRIDES: Record<string, string> = {
  Scheme: 'internal',
  ResourcesVpcConfig: 'vpc_config',
  SecurityGroupIngress: 'ingress',
  SecurityGroupEgress: 'egress',
  SecurityGroupIds: 'vpc_security_group_ids',
  VPCSecurityGroups: 'vpc_security_group_ids',
  VPCZoneIdentifier: 'vpc_zone_identifier',
  DBSubnetGroupName: 'db_subnet_group_name',
  AssignPublicIp: 'assign_public_ip',
  NetworkConfiguration: 'network_configuration',
  AwsvpcConfiguration: '',
  InstanceId: 'instance',
};

/** Arguments that are booleans in Terraform, with the CloudFormation-style strings that mean true/false. */
const BOOL_ARGS = new Set(['assign_public_ip', 'associate_public_ip_address', 'map_public_ip_on_launch', 'publicly_accessible', 'internal', 'endpoint_public_access', 'endpoint_private_access']);
const TRUE_WORDS = new Set(['true', 'enabled', 'internal']);
const FALSE_WORDS = new Set(['false', 'disabled', 'internet-facing']);

/** CloudFormation types of resources a rule may add, and their Terraform types. */
const TYPE_NAMES: Record<string, string> = {
  'AWS::EC2::Route': 'aws_route',
  'AWS::EC2::EIP': 'aws_eip',
  'AWS::EC2::VPCGatewayAttachment': 'aws_internet_gateway_attachment',
  'AWS::EC2::SecurityGroupIngress': 'aws_vpc_security_group_ingress_rule',
  'AWS::EC2::SecurityGroupEgress': 'aws_vpc_security_group_egress_rule',
  'AWS::WAFv2::WebACLAssociation': 'aws_wafv2_web_acl_association',
  'AWS::EC2::InstanceConnectEndpoint': 'aws_ec2_instance_connect_endpoint',
  'AWS::EC2::NatGateway': 'aws_nat_gateway',
};

export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** A Terraform argument name for a name given either way. */
export function argName(name: string): string {
  if (!/^[A-Z]/.test(name)) return name;
  return (Object.hasOwn(NAME_OVERRIDES, name) ? NAME_OVERRIDES[name] : undefined) ?? snake(name);
}

/** A property path given CloudFormation-style is mapped; a Terraform one (snake_case first) is taken as written. */
function argPath(path: string[]): string[] {
  return /^[A-Z]/.test(path[0] ?? '') ? path.map(argName).filter(Boolean) : path;
}

function attrName(attr: string | undefined): string {
  if (attr === undefined) return 'id';
  if (!/^[A-Z]/.test(attr)) return attr;
  if (/(^|[a-z])Arn$/.test(attr)) return 'arn';
  if (attr === 'AllocationId' || attr === 'GroupId' || attr.endsWith('Id')) return 'id';
  return snake(attr);
}

/** A resource address (type.name) from an entity id that may name a part of it (`aws_sg.x.ingress[0]`). */
export function addressOf(id: string): string {
  const [type, name] = id.split('.');
  return `${type}.${(name ?? '').replace(/\[.*$/, '')}`;
}

export class TerraformWriter implements FixWriter {
  private readonly issued = new Set<string>();
  /** The next suffix to try per base address (freshId is asked once per finding; no rescans). */
  private readonly nextSuffix = new Map<string, number>();
  private bodies: Map<MapNode, string> | undefined;
  private spansByFile: Map<string, { start: number; end: number; type: string }[]> | undefined;

  constructor(
    readonly module: TfModule,
    /** Spans (file:start:end) of one expression that stands for several list items. */
    readonly shared: Set<string>,
  ) {}

  private hcl(path: string): { file: SourceFile; writer: HclWriter } | undefined {
    const file = this.module.files.find((f) => f.path === path && f.format === 'hcl');
    return file?.root ? { file, writer: new HclWriter(file) } : undefined;
  }

  private hclEdits(file: SourceFile, edits: (HclEdit | undefined)[]): TextEdit[] {
    const list = edits.filter((e): e is HclEdit => !!e);
    return list.length === edits.length ? list.map((e) => ({ file: file.path, span: e.span, newText: e.newText })) : [];
  }

  private file(path: string): SourceFile | undefined {
    // HCL files are edited by the HCL writer; JSON edits must never land in them.
    return this.module.files.find((f) => f.path === path && f.format === 'json');
  }

  private edits(file: SourceFile, edits: SpanEdit[]): TextEdit[] {
    return edits.map((e) => ({ file: file.path, span: e.span, newText: e.newText }));
  }

  /** Values in Terraform shape: {Ref} / {Fn::GetAtt} become "${...}" references; words for booleans become booleans. */
  private native(value: JsonValue, arg?: string): JsonValue {
    if (arg && BOOL_ARGS.has(arg) && typeof value === 'string') {
      const word = value.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
    }
    if (Array.isArray(value)) return value.map((v) => this.native(v));
    if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string') return this.ref(value.Ref);
      const getAtt = value['Fn::GetAtt'];
      if (keys.length === 1 && Array.isArray(getAtt) && typeof getAtt[0] === 'string') return this.ref(getAtt[0], typeof getAtt[1] === 'string' ? getAtt[1] : undefined);
      // Keys inside values are kept as given (tags and maps are data, not argument names).
      const out: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.native(v, k);
      return out;
    }
    return value;
  }

  setValue(prop: Prop<unknown>, value: JsonValue): TextEdit[] {
    const hcl = this.hcl(prop.valueLoc.file);
    if (hcl) {
      if (this.isShared(prop.valueLoc)) return [];
      const found = findMember(hcl.file.root, prop.loc.span);
      const arg = found?.container.kind === 'map' ? String(found.container.pairs[found.index].key.value) : undefined;
      return this.hclEdits(hcl.file, [hcl.writer.replace(prop.valueLoc.span, this.native(value, arg))]);
    }
    const file = this.file(prop.valueLoc.file);
    if (!file?.root) return [];
    if (this.isShared(prop.valueLoc)) return this.retargetSplat(file, prop.valueLoc, this.native(value));
    if (prop.loc.span.start !== prop.valueLoc.span.start) {
      const found = findMember(file.root, prop.loc.span);
      if (found?.container.kind === 'map') {
        const pair = found.container.pairs[found.index];
        return this.edits(file, [replaceValue(file.text, pair.value, this.native(value, String(pair.key.value)), found.container)]);
      }
    }
    const found = findMember(file.root, prop.valueLoc.span);
    if (!found) return [];
    const node = found.container.kind === 'seq' ? found.container.items[found.index] : found.container.pairs[found.index].value;
    return this.edits(file, [replaceValue(file.text, node, this.native(value), found.container)]);
  }

  /**
   * A list written as one splat (`"${aws_subnet.public[*].id}"`) stands for every instance: pointing one
   * item elsewhere points the whole list at the new resource's instances, when the new value is a reference.
   */
  private retargetSplat(file: SourceFile, loc: Loc, value: JsonValue): TextEdit[] {
    const written = file.text.slice(loc.span.start, loc.span.end);
    const splat = /^"\$\{\s*[A-Za-z0-9_]+\.[A-Za-z0-9_-]+(?:\[\*\]|\.\*)\.([A-Za-z0-9_]+)\s*\}"$/.exec(written);
    const target = typeof value === 'string' ? /^\$\{([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([A-Za-z0-9_]+)\}$/.exec(value) : null;
    if (!splat || !target || splat[1] !== target[2]) return [];
    const body = this.module.resources.get(target[1])?.body;
    const many = !!getPair(body, 'count') || !!getPair(body, 'for_each');
    const newText = many ? JSON.stringify('${' + `${target[1]}[*].${target[2]}` + '}') : `[${JSON.stringify('${' + `${target[1]}.${target[2]}` + '}')}]`;
    return [{ file: file.path, span: { ...loc.span }, newText }];
  }

  private isShared(loc: Loc): boolean {
    return this.shared.has(`${loc.file}:${loc.span.start}:${loc.span.end}`);
  }

  /**
   * Replace a property (key and value) with one or more entries, in place. For a rule's peer given as
   * a list item (`cidr_blocks: ["0.0.0.0/0"]`), the whole list is replaced when the item is its only one.
   * Names are adapted to the rule's resource type (`source_security_group_id` is `security_groups` inline).
   */
  replaceProperty(prop: Prop<unknown>, entries: [string, JsonValue][]): TextEdit[] {
    const hcl = this.hcl(prop.loc.file);
    if (hcl) return this.replaceHclProperty(hcl.file, hcl.writer, prop, entries);
    const file = this.file(prop.loc.file);
    if (!file?.root || this.isShared(prop.valueLoc) || !entries.length) return [];
    const target = this.replacedEntry(file, prop, entries);
    if (!target) return [];
    const { pair, map, adapted } = target;
    const style = styleFor(file.text, map);
    const indent = indentAt(file.text, pair.span.start);
    const separator = style.compact || !startsLine(file.text, pair.span.start) ? ', ' : `,${style.eol}${indent}`;
    const newText = adapted.map(([name, value]) => `${JSON.stringify(name)}: ${renderJson(value, indent, style)}`).join(separator);
    return this.edits(file, [{ span: { start: pair.span.start, end: pair.span.end }, newText }]);
  }

  private replaceHclProperty(file: SourceFile, writer: HclWriter, prop: Prop<unknown>, entries: [string, JsonValue][]): TextEdit[] {
    if (this.isShared(prop.valueLoc) || !entries.length) return [];
    const target = this.replacedEntry(file, prop, entries);
    return target ? this.hclEdits(file, [writer.replacePair(target.pair, target.adapted)]) : [];
  }

  /**
   * The entry a property replacement rewrites (the property's pair, or the list that holds it as its sole item),
   * the map it is in, and the new entries with names and values adapted to the resource type.
   */
  private replacedEntry(file: SourceFile, prop: Prop<unknown>, entries: [string, JsonValue][]): { pair: PairNode; map: MapNode; adapted: [string, JsonValue][] } | undefined {
    const found = findMember(file.root, prop.loc.span);
    if (!found) return undefined;
    let pair: PairNode;
    let map: MapNode;
    if (found.container.kind === 'map') {
      pair = found.container.pairs[found.index];
      map = found.container;
    } else {
      // A list item: only the sole item of its list can be swapped for other entries.
      if (found.container.items.length !== 1) return undefined;
      const owner = findOwner(file.root, found.container);
      const outer = owner && findMember(file.root, owner.span);
      if (!owner || outer?.container.kind !== 'map') return undefined;
      pair = owner;
      map = outer.container;
    }
    const type = this.typeAt(file, pair.span.start);
    const inline = !!type && !this.isResourceBody(map);
    const adapted = entries.map(([name, value]) => adaptRuleEntry(type, inline, argName(name), this.native(value, argName(name))));
    return { pair, map, adapted };
  }

  /** The type of the resource whose block holds an offset of a file. */
  private typeAt(file: SourceFile, offset: number): string | undefined {
    if (!this.spansByFile) {
      this.spansByFile = new Map();
      for (const res of this.module.resources.values()) {
        const list = this.spansByFile.get(res.file.path) ?? [];
        list.push({ start: res.pair.span.start, end: res.pair.span.end, type: res.type });
        this.spansByFile.set(res.file.path, list);
      }
      for (const list of this.spansByFile.values()) list.sort((a, b) => a.start - b.start);
    }
    // Resource blocks do not nest: the last one starting at or before the offset is the only candidate.
    const list = this.spansByFile.get(file.path) ?? [];
    let low = 0;
    let high = list.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (list[mid].start <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    const hit = found >= 0 ? list[found] : undefined;
    return hit && offset < hit.end ? hit.type : undefined;
  }

  private isResourceBody(map: MapNode): boolean {
    if (!this.bodies) {
      this.bodies = new Map();
      for (const res of this.module.resources.values()) if (res.body) this.bodies.set(res.body, res.id);
    }
    return this.bodies.has(map);
  }

  private resource(entity: EntityBase): { file: SourceFile; body: MapNode; pair: PairNode } | undefined {
    const res = this.module.resources.get(addressOf(entity.id));
    if (!res?.body) return undefined;
    return { file: res.file, body: res.body, pair: res.pair };
  }

  setProperty(entity: EntityBase, path: string[], value: JsonValue): TextEdit[] {
    const res = this.resource(entity);
    const names = argPath(path);
    if (!res || !names.length) return [];
    if (res.file.format === 'hcl') return this.hclEdits(res.file, [new HclWriter(res.file).set(res.body, names, this.native(value, names[names.length - 1]))]);
    let map: MapNode = res.body;
    for (let i = 0; i < names.length; i++) {
      const last = i === names.length - 1;
      const rest = nest(names.slice(i + 1), this.native(value, names[names.length - 1]));
      const pair = getPair(map, names[i]);
      if (!pair) return this.edits(res.file, [insertPair(res.file.text, map, names[i], last ? this.native(value, names[i]) : rest)]);
      if (last) return this.edits(res.file, [replaceValue(res.file.text, pair.value, this.native(value, names[i]), map)]);
      // A nested block: an object, or the first object of an array of blocks.
      const inner = objectsOf(pair.value)[0];
      if (!inner) return this.edits(res.file, [replaceValue(res.file.text, pair.value, rest, map)]);
      map = inner;
    }
    return [];
  }

  remove(loc: Loc): TextEdit[] {
    const hcl = this.hcl(loc.file);
    if (hcl) return this.isShared(loc) ? [] : this.hclEdits(hcl.file, [hcl.writer.remove(loc.span)]);
    const file = this.file(loc.file);
    if (!file?.root || this.isShared(loc)) return [];
    let found = findMember(file.root, loc.span);
    if (!found) return [];
    // Removing the last resource of a type removes the type's key too (no empty `"aws_x": {}` left behind).
    while (found.container.kind === 'map' && found.container.pairs.length === 1 && this.isResourceLevel(file, found.container)) {
      const outer = findMember(file.root, this.ownerSpan(file, found.container));
      if (!outer || outer.container === file.root) break;
      found = outer;
    }
    return this.edits(file, [removeMember(file.text, found.container, found.index)]);
  }

  /** A map that holds resource names (a type's map) or resource types (the resource block). */
  private isResourceLevel(file: SourceFile, map: MapNode): boolean {
    for (const res of this.module.resources.values()) if (res.file === file && (res.typeMap === map)) return true;
    const block = this.module.resourceBlocks.get(file.path);
    return !!block && objectsOf(block.value).includes(map);
  }

  /** The span of the pair whose value is `node` (for walking up one level). */
  private ownerSpan(file: SourceFile, node: Node): { start: number; end: number } {
    const owner = findOwner(file.root, node);
    return owner ? owner.span : { start: -1, end: -1 };
  }

  appendToList(entity: EntityBase, path: string[], item: JsonValue): TextEdit[] {
    const res = this.resource(entity);
    const names = argPath(path);
    if (!res || !names.length) return [];
    let node: Node | undefined = res.body;
    for (const name of names) {
      const map: MapNode | undefined = objectsOf(node)[0];
      node = getPair(map, name)?.value;
      if (!node) break;
    }
    if (!node || (node.kind === 'scalar' && node.value === null)) return this.setProperty(entity, path, [item]);
    if (node.kind === 'seq' && res.file.format === 'hcl') return this.hclEdits(res.file, [new HclWriter(res.file).append(node, this.native(item))]);
    if (node.kind === 'seq') return this.edits(res.file, [appendItem(res.file.text, node as SeqNode, this.native(item))]);
    // A list given by an expression ("${var.subnets}"): no safe place to add the item.
    return [];
  }

  addResources(near: EntityBase, resources: Record<string, JsonValue>): TextEdit[] {
    const hcl = this.hcl(near.loc.file);
    if (hcl) {
      const list: { type: string; name: string; body: Record<string, JsonValue> }[] = [];
      for (const [key, raw] of Object.entries(resources)) {
        const { type, name, body } = this.resourceShape(key, raw);
        if (!type || !name || !body || typeof body !== 'object' || Array.isArray(body)) continue;
        this.issued.add(`${type}.${name}`);
        list.push({ type, name, body });
      }
      return list.length ? this.hclEdits(hcl.file, [hcl.writer.addResources(list)]) : [];
    }
    const file = this.file(near.loc.file);
    if (!file?.root || file.root.kind !== 'map') return [];
    const byType = new Map<string, Record<string, JsonValue>>();
    for (const [key, raw] of Object.entries(resources)) {
      const { type, name, body } = this.resourceShape(key, raw);
      if (!type || !name) continue;
      this.issued.add(`${type}.${name}`);
      const entry = byType.get(type) ?? {};
      entry[name] = body;
      byType.set(type, entry);
    }
    if (!byType.size) return [];
    const block = this.module.resourceBlocks.get(file.path);
    if (!block) return this.edits(file, [insertPair(file.text, file.root, 'resource', Object.fromEntries(byType))]);
    if (block.value.kind === 'seq') {
      // Array form: one more object holding the new blocks.
      return this.edits(file, [appendItem(file.text, block.value, Object.fromEntries(byType))]);
    }
    if (block.value.kind !== 'map') return [];
    const resourceMap = block.value;
    const edits: SpanEdit[] = [];
    const newTypes: Record<string, JsonValue> = {};
    for (const [type, named] of byType) {
      const typeMap = objectsOf(getPair(resourceMap, type)?.value)[0];
      if (!typeMap || !typeMap.pairs.length) {
        newTypes[type] = named;
        continue;
      }
      edits.push(insertPairs(file.text, typeMap, named));
    }
    if (Object.keys(newTypes).length) edits.push(insertPairs(file.text, resourceMap, newTypes));
    return this.edits(file, edits);
  }

  /** `{"aws_route.x": body}` (Terraform) or `{"X": {Type: "AWS::EC2::Route", Properties}}` (CloudFormation-style). */
  private resourceShape(key: string, raw: JsonValue): { type?: string; name?: string; body: JsonValue } {
    if (key.includes('.')) {
      const [type, name] = key.split('.');
      return { type, name, body: this.native(raw) };
    }
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && typeof raw.Type === 'string') {
      const type = Object.hasOwn(TYPE_NAMES, raw.Type) ? TYPE_NAMES[raw.Type] : undefined;
      const props = raw.Properties && typeof raw.Properties === 'object' && !Array.isArray(raw.Properties) ? raw.Properties : {};
      const body: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(props)) body[argName(k)] = this.native(v, argName(k));
      return { type, name: cleanName(key), body };
    }
    return { body: raw };
  }

  ref(id: string, attr?: string): JsonValue {
    // The default VPC's main route table is an attribute of aws_default_vpc, not a resource.
    if (id.endsWith('.main_route_table') && this.module.resources.get(addressOf(id))?.type === 'aws_default_vpc') return '${' + `${addressOf(id)}.main_route_table_id` + '}';
    const address = addressOf(id);
    return '${' + `${address}${this.instanceKey(address)}.${attrName(attr)}` + '}';
  }

  /** A resource with count or for_each is referred to through one instance: `[0]`, or its first known key. */
  private instanceKey(address: string): string {
    const body = this.module.resources.get(address)?.body;
    if (getPair(body, 'count')) return '[0]';
    const forEach = getPair(body, 'for_each');
    if (!forEach) return '';
    const keys = /^\$\{\s*toset\(\s*\[\s*"([^"\\]*)"/.exec(scalarText(forEach.value));
    if (keys) return `[${JSON.stringify(keys[1])}]`;
    if (forEach.value.kind === 'map' && forEach.value.pairs.length) return `[${JSON.stringify(String(forEach.value.pairs[0].key.value))}]`;
    if (forEach.value.kind === 'seq' && forEach.value.items[0]?.kind === 'scalar') return `[${JSON.stringify(String(forEach.value.items[0].value))}]`;
    return '';
  }

  freshId(base: string, type: string): string {
    const tfType = type.startsWith('aws_') ? type : (Object.hasOwn(TYPE_NAMES, type) ? TYPE_NAMES[type] : undefined) ?? 'aws_resource';
    const clean = cleanName(base.split('.').pop() ?? base);
    const first = `${tfType}.${clean}`;
    let id = first;
    let n = this.nextSuffix.get(first) ?? 2;
    if (this.module.resources.has(id) || this.issued.has(id)) {
      for (id = `${first}_${n}`; this.module.resources.has(id) || this.issued.has(id); id = `${first}_${++n}`);
      this.nextSuffix.set(first, n + 1);
    }
    this.issued.add(id);
    return id;
  }
}

/** Security group rule arguments differ by resource: inline blocks, aws_security_group_rule, aws_vpc_security_group_*_rule. */
function adaptRuleEntry(type: string | undefined, inline: boolean, name: string, value: JsonValue): [string, JsonValue] {
  const one = (v: JsonValue): JsonValue => (Array.isArray(v) ? v[0] ?? null : v);
  const many = (v: JsonValue): JsonValue => (Array.isArray(v) ? v : [v]);
  const groupKeys = ['source_security_group_id', 'referenced_security_group_id', 'security_groups'];
  const protocolKeys = ['protocol', 'ip_protocol'];
  if (type === 'aws_security_group' && inline) {
    if (groupKeys.includes(name)) return ['security_groups', many(value)];
    if (name === 'cidr_ipv4') return ['cidr_blocks', many(value)];
    if (name === 'cidr_ipv6') return ['ipv6_cidr_blocks', many(value)];
    if (protocolKeys.includes(name)) return ['protocol', value];
  } else if (type === 'aws_security_group_rule') {
    if (groupKeys.includes(name)) return ['source_security_group_id', one(value)];
    if (protocolKeys.includes(name)) return ['protocol', value];
  } else if (type === 'aws_vpc_security_group_ingress_rule' || type === 'aws_vpc_security_group_egress_rule') {
    if (groupKeys.includes(name)) return ['referenced_security_group_id', one(value)];
    if (name === 'cidr_blocks') return ['cidr_ipv4', one(value)];
    if (protocolKeys.includes(name)) return ['ip_protocol', value];
  }
  return [name, value];
}

function scalarText(node: Node): string {
  return node.kind === 'scalar' && typeof node.value === 'string' ? node.value : '';
}

function cleanName(base: string): string {
  const name = snake(base).replace(/[^a-z0-9_-]/g, '_');
  return /^[a-z_]/.test(name) ? name : `r_${name}`;
}

function nest(path: string[], value: JsonValue): JsonValue {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]]: out };
  return out;
}

/** Several new keys in one object, as one edit (two insertions at one offset would clash). */
function insertPairs(text: string, map: MapNode, entries: Record<string, JsonValue>): SpanEdit {
  const list = Object.entries(entries);
  if (!map.pairs.length) return replaceValue(text, map, Object.fromEntries(list));
  const first = insertPair(text, map, list[0][0], list[0][1]);
  let newText = first.newText;
  for (const [key, value] of list.slice(1)) newText += insertPair(text, map, key, value).newText;
  return { span: first.span, newText };
}

/** The pair whose value is `node`. */
function findOwner(root: Node | undefined, node: Node): PairNode | undefined {
  if (!root || root.kind === 'scalar') return undefined;
  if (node.span.start < root.span.start || node.span.end > root.span.end) return undefined;
  if (root.kind === 'map') {
    for (const pair of root.pairs) {
      if (pair.value === node) return pair;
      const inner = findOwner(pair.value, node);
      if (inner) return inner;
    }
    return undefined;
  }
  for (const item of root.items) {
    const inner = findOwner(item, node);
    if (inner) return inner;
  }
  return undefined;
}
