// Well-known registry modules (terraform-aws-modules/*), which are not on disk: the resource each one
// makes, described by the arguments the caller writes (located where the caller wrote them).
import { MapNode, Node, PairNode, ScalarNode, SeqNode, getPair } from '../../source/tree';
import { TfModule, TfModuleCall } from './module';

/** Named rules of terraform-aws-modules/security-group: [from, to, protocol]. */
const NAMED_RULES: Record<string, [number, number, string]> = {
  'all-all': [-1, -1, '-1'],
  'all-tcp': [0, 65535, 'tcp'],
  'all-udp': [0, 65535, 'udp'],
  'ssh-tcp': [22, 22, 'tcp'],
  'rdp-tcp': [3389, 3389, 'tcp'],
  'rdp-udp': [3389, 3389, 'udp'],
  'http-80-tcp': [80, 80, 'tcp'],
  'http-8080-tcp': [8080, 8080, 'tcp'],
  'https-443-tcp': [443, 443, 'tcp'],
  'https-8443-tcp': [8443, 8443, 'tcp'],
  'mysql-tcp': [3306, 3306, 'tcp'],
  'postgresql-tcp': [5432, 5432, 'tcp'],
  'mssql-tcp': [1433, 1433, 'tcp'],
  'oracle-db-tcp': [1521, 1521, 'tcp'],
  'redis-tcp': [6379, 6379, 'tcp'],
  'mongodb-27017-tcp': [27017, 27017, 'tcp'],
  'winrm-http-tcp': [5985, 5985, 'tcp'],
  'winrm-https-tcp': [5986, 5986, 'tcp'],
};

/** Submodules of the security-group module named after one rule (`//modules/ssh` opens ssh-tcp to ingress_cidr_blocks). */
const SUBMODULE_RULES: Record<string, string[]> = {
  ssh: ['ssh-tcp'],
  rdp: ['rdp-tcp', 'rdp-udp'],
  'http-80': ['http-80-tcp'],
  'https-443': ['https-443-tcp'],
  mysql: ['mysql-tcp'],
  postgresql: ['postgresql-tcp'],
  mssql: ['mssql-tcp'],
  'oracle-db': ['oracle-db-tcp'],
  redis: ['redis-tcp'],
  winrm: ['winrm-http-tcp', 'winrm-https-tcp'],
};

interface Spec {
  type: string;
  /** Argument of the module -> argument of the resource (same name when equal). */
  args: Record<string, string>;
  /** Output of the module that stands for the resource. */
  outputs: string[];
  build?: (call: TfModuleCall, body: MapNode, submodule: string | undefined) => void;
}

const SPECS: Record<string, Spec> = {
  'ec2-instance': {
    type: 'aws_instance',
    args: { subnet_id: 'subnet_id', associate_public_ip_address: 'associate_public_ip_address', vpc_security_group_ids: 'vpc_security_group_ids', network_interface: 'network_interface' },
    outputs: ['id', 'arn'],
  },
  rds: {
    type: 'aws_db_instance',
    args: { publicly_accessible: 'publicly_accessible', vpc_security_group_ids: 'vpc_security_group_ids', port: 'port', engine: 'engine' },
    outputs: ['db_instance_id', 'db_instance_arn'],
  },
  'rds-aurora': {
    type: 'aws_rds_cluster',
    args: { publicly_accessible: 'publicly_accessible', vpc_security_group_ids: 'vpc_security_group_ids', port: 'port', engine: 'engine' },
    outputs: ['cluster_id', 'cluster_arn'],
  },
  'security-group': {
    type: 'aws_security_group',
    args: { vpc_id: 'vpc_id' },
    outputs: ['security_group_id', 'security_group_arn'],
    build: securityGroupRules,
  },
  alb: {
    type: 'aws_lb',
    args: { internal: 'internal', load_balancer_type: 'load_balancer_type', subnets: 'subnets', security_groups: 'security_groups' },
    outputs: ['id', 'arn', 'lb_id', 'lb_arn'],
  },
};

/**
 * Adds the resource a known registry module makes to `module` (address `module.<call>.<type>.this`), and
 * returns the module's outputs that stand for it (global addresses); undefined for other sources.
 */
export function synthesizeRegistryModule(module: TfModule, call: TfModuleCall): Map<string, string> | undefined {
  const match = /^(?:registry\.terraform\.io\/)?terraform-aws-modules\/([a-z0-9-]+)\/aws(?:\/\/modules\/([a-z0-9-]+))?$/i.exec(call.source ?? '');
  const spec = match ? SPECS[match[1].toLowerCase()] : undefined;
  if (!match || !spec) return undefined;
  const pairs: PairNode[] = [];
  for (const [from, to] of Object.entries(spec.args)) {
    const pair = getPair(call.body, from);
    if (pair) pairs.push(to === from ? pair : { ...pair, key: { ...pair.key, value: to } });
  }
  const body: MapNode = { kind: 'map', pairs, flow: false, span: call.body.span };
  spec.build?.(call, body, match[2]?.toLowerCase());
  const local = `module.${call.name}.${spec.type}.this`;
  module.resources.set(local, { id: local, type: spec.type, name: 'this', file: call.file, pair: call.pair, body, typeMap: call.body });
  module.resourceTypes.add(spec.type);
  return new Map(spec.outputs.map((o) => [o, module.prefix + local]));
}

/** ingress_with_cidr_blocks / ingress_with_ipv6_cidr_blocks objects, and named ingress_rules over ingress_cidr_blocks. */
function securityGroupRules(call: TfModuleCall, body: MapNode, submodule: string | undefined): void {
  for (const direction of ['ingress', 'egress']) {
    const blocks: Node[] = [];
    for (const key of [`${direction}_with_cidr_blocks`, `${direction}_with_ipv6_cidr_blocks`]) {
      const list = getPair(call.body, key)?.value;
      if (list?.kind === 'seq') blocks.push(...list.items.filter((i) => i.kind === 'map').map((i) => withNamedRule(i as MapNode)));
    }
    const cidrs = getPair(call.body, `${direction}_cidr_blocks`);
    const ipv6 = getPair(call.body, `${direction}_ipv6_cidr_blocks`);
    const rules = getPair(call.body, `${direction}_rules`)?.value;
    const names: ScalarNode[] = rules?.kind === 'seq' ? rules.items.filter((i): i is ScalarNode => i.kind === 'scalar') : [];
    if (direction === 'ingress' && submodule && SUBMODULE_RULES[submodule]) {
      // The submodule opens its rules to ingress_cidr_blocks by itself (auto_ingress_rules).
      for (const rule of SUBMODULE_RULES[submodule]) names.push({ kind: 'scalar', value: rule, span: (cidrs ?? call.pair).span });
    }
    for (const name of names) {
      const rule = NAMED_RULES[String(name.value)];
      if (!rule || (!cidrs && !ipv6)) continue;
      const at = name.span;
      const scalar = (value: string | number): ScalarNode => ({ kind: 'scalar', value, span: at });
      const pairs: PairNode[] = [
        { key: scalar('from_port'), value: scalar(rule[0]), span: at },
        { key: scalar('to_port'), value: scalar(rule[1]), span: at },
        { key: scalar('protocol'), value: scalar(rule[2]), span: at },
      ];
      if (cidrs) pairs.push({ ...cidrs, key: { ...cidrs.key, value: 'cidr_blocks' } });
      if (ipv6) pairs.push({ ...ipv6, key: { ...ipv6.key, value: 'ipv6_cidr_blocks' } });
      blocks.push({ kind: 'map', pairs, flow: true, span: at });
    }
    if (blocks.length) {
      const seq: SeqNode = { kind: 'seq', items: blocks, flow: true, span: blocks[0].span };
      body.pairs.push({ key: { kind: 'scalar', value: direction, span: blocks[0].span }, value: seq, span: blocks[0].span });
    }
  }
}

/** `{ rule = "ssh-tcp", cidr_blocks = "0.0.0.0/0" }`: the named rule's ports, beside what is written. */
function withNamedRule(map: MapNode): MapNode {
  const rulePair = getPair(map, 'rule');
  const rule = rulePair?.value.kind === 'scalar' ? NAMED_RULES[String(rulePair.value.value)] : undefined;
  if (!rule || !rulePair || getPair(map, 'from_port')) return map;
  const at = rulePair.value.span;
  const scalar = (value: string | number): ScalarNode => ({ kind: 'scalar', value, span: at });
  return { ...map, pairs: [...map.pairs, { key: scalar('from_port'), value: scalar(rule[0]), span: at }, { key: scalar('to_port'), value: scalar(rule[1]), span: at }, { key: scalar('protocol'), value: scalar(rule[2]), span: at }] };
}
