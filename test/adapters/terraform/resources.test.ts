// Each remaining resource type the Terraform adapter reads, with its Terraform argument names and defaults.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTopology } from '../../../server/src/topology/build';
import { defaultConfig } from '../../../server/src/engine/types';
import { alts, entity, fixtureModel } from './helpers';

const { model } = fixtureModel('resources');

test('resources: the module reads without problems', () => {
  assert.deepEqual(model.problems, []);
});

test('aws_internet_gateway_attachment, assign_ipv6_address_on_creation', () => {
  const igw = entity(model, 'aws_internet_gateway.igw', 'internet-gateway');
  assert.deepEqual(igw.attachments.map((a) => [a.id, alts(a.vpc)]), [['aws_internet_gateway_attachment.igw', [{ value: 'aws_vpc.main' }]]]);
  assert.deepEqual(alts(entity(model, 'aws_subnet.a', 'subnet').assignIpv6OnCreation), [{ value: true }]);
});

test('aws_default_route_table and aws_main_route_table_association: the main table of the VPC', () => {
  const main = entity(model, 'aws_default_route_table.main', 'route-table');
  assert.deepEqual(alts(main.vpc), [{ value: 'aws_vpc.main' }]);
  assert.deepEqual(main.routes.map((r) => [r.id, r.target.kind, alts(r.target.ref), alts(r.destination)]), [
    ['aws_default_route_table.main.route[0]', 'egress-only-internet-gateway', [{ value: 'aws_egress_only_internet_gateway.eigw' }], [{ value: '::/0' }]],
  ]);
  // The main route table association makes aws_route_table.edge the main table instead.
  assert.equal(main.isMain, false);
  const edge = entity(model, 'aws_route_table.edge', 'route-table');
  assert.equal(edge.isMain, true);
  assert.deepEqual(edge.routes.map((r) => [r.id, r.target.kind, alts(r.target.ref)]), [
    ['aws_route.edge_igw', 'internet-gateway', [{ value: 'aws_internet_gateway.igw' }]],
    ['aws_route.edge_vpn', 'other', [{ value: undefined, literal: 'vgw-0123' }]],
  ]);
  // Subnets without an association use the main table: public through the attached gateway.
  const topology = buildTopology(model, defaultConfig());
  assert.deepEqual(topology.subnetViews('aws_subnet.b').map((v) => [v.cls, v.routeTable?.id]), [['public', 'aws_route_table.edge']]);
});

test('aws_security_group_rule (cidr, self) and aws_vpc_security_group_ingress_rule join their group', () => {
  const web = entity(model, 'aws_security_group.web', 'security-group');
  assert.deepEqual(web.ingress.map((r) => [r.id, r.peer.kind, alts(r.peer.value), alts(r.protocol), alts(r.fromPort), alts(r.toPort)]), [
    ['aws_security_group_rule.web_ssh', 'cidr', [{ value: '0.0.0.0/0' }], [{ value: 'tcp' }], [{ value: 22 }], [{ value: 22 }]],
    ['aws_vpc_security_group_ingress_rule.web_https6', 'cidr6', [{ value: '::/0' }], [{ value: 'tcp' }], [{ value: 443 }], [{ value: 443 }]],
  ]);
  assert.deepEqual(web.egress.map((r) => [r.id, r.peer.kind, alts(r.peer.value), alts(r.protocol)]), [['aws_security_group_rule.web_self', 'group', [{ value: 'aws_security_group.web' }], [{ value: '-1' }]]]);
  assert.equal(web.defaultEgressAll, false);
});

test('aws_network_interface, aws_instance through its ENI, aws_eip_association to the ENI', () => {
  const eni = entity(model, 'aws_network_interface.eni', 'workload');
  assert.equal(eni.workloadKind, 'network-interface');
  assert.deepEqual([eni.subnets.map(alts), eni.securityGroups.map(alts)], [[[{ value: 'aws_subnet.a' }]], [[{ value: 'aws_security_group.web' }]]]);
  const instance = entity(model, 'aws_instance.with_eni', 'workload');
  assert.deepEqual([instance.subnets.map(alts), instance.securityGroups.map(alts)], [[[{ value: 'aws_subnet.a' }]], [[{ value: 'aws_security_group.web' }]]]);
  const eip = entity(model, 'aws_eip.eni', 'eip');
  assert.deepEqual(eip.attachedTo.map((a) => [a.id, alts(a.target)]), [['aws_eip_association.eni', [{ value: 'aws_network_interface.eni' }]]]);
});

test('launch configuration and template, ASGs (launch_configuration, mixed instances policy, classic ELBs)', () => {
  const lc = entity(model, 'aws_launch_configuration.old', 'workload');
  assert.deepEqual([lc.workloadKind, alts(lc.publicIp), lc.securityGroups.map(alts)], ['launch-configuration', [{ value: true }], [[{ value: 'aws_security_group.web' }]]]);
  const lt = entity(model, 'aws_launch_template.lt', 'workload');
  assert.deepEqual([lt.workloadKind, alts(lt.publicIp), lt.subnets.map(alts)], ['launch-template', [{ value: false }], [[{ value: 'aws_subnet.b' }]]]);
  const old = entity(model, 'aws_autoscaling_group.old', 'workload');
  assert.deepEqual([alts(old.launchTemplate), old.subnets.map(alts), old.loadBalancers.map(alts)], [[{ value: 'aws_launch_configuration.old' }], [[{ value: 'aws_subnet.a' }]], [[{ value: 'aws_elb.classic' }]]]);
  assert.deepEqual(alts(entity(model, 'aws_autoscaling_group.mixed', 'workload').launchTemplate), [{ value: 'aws_launch_template.lt' }]);
});

test('ECS services, Lambda functions and EKS node groups; without a network block they are outside any VPC', () => {
  const api = entity(model, 'aws_ecs_service.api', 'workload');
  assert.deepEqual([api.subnets.map(alts), alts(api.publicIp), api.targetGroups.map(alts), api.ports, api.outsideVpc], [[[{ value: 'aws_subnet.b' }]], [{ value: false }], [[{ value: 'aws_lb_target_group.ip' }]], [8080], undefined]);
  assert.equal(entity(model, 'aws_ecs_service.classic', 'workload').outsideVpc, true);
  assert.deepEqual(entity(model, 'aws_lambda_function.in_vpc', 'workload').subnets.map(alts), [[{ value: 'aws_subnet.b' }]]);
  assert.equal(entity(model, 'aws_lambda_function.outside', 'workload').outsideVpc, true);
  const workers = entity(model, 'aws_eks_node_group.workers', 'workload');
  assert.deepEqual([workers.workloadKind, workers.subnets.map(alts)], ['eks-nodegroup', [[{ value: 'aws_subnet.b' }]]]);
});

test('aws_alb (network, internal, subnet_mapping), forward blocks, listener rules, target group attachments, aws_elb', () => {
  const nlb = entity(model, 'aws_alb.nlb', 'load-balancer');
  assert.deepEqual([nlb.lbKind, alts(nlb.scheme), nlb.subnets.map(alts)], ['network', [{ value: 'internal' }], [[{ value: 'aws_subnet.a' }]]]);
  assert.deepEqual(nlb.listeners.map((l) => [l.id, alts(l.protocol), alts(l.port)]), [['aws_lb_listener.tcp', [{ value: 'TCP' }], [{ value: 80 }]]]);
  assert.deepEqual(entity(model, 'aws_lb_target_group.ip', 'target-group').loadBalancers, ['aws_alb.nlb']);
  const instances = entity(model, 'aws_lb_target_group.instances', 'target-group');
  assert.deepEqual([instances.targets.map(alts), instances.loadBalancers], [[[{ value: 'aws_instance.with_eni' }]], ['aws_alb.nlb']]);
  const classic = entity(model, 'aws_elb.classic', 'load-balancer');
  assert.deepEqual([classic.lbKind, classic.scheme, classic.instances.map(alts)], ['classic', undefined, [[{ value: 'aws_instance.with_eni' }]]]);
  assert.deepEqual(classic.listeners.map((l) => [l.id, alts(l.protocol), alts(l.port)]), [['aws_elb.classic.listener[0]', [{ value: 'http' }], [{ value: 80 }]]]);
});

test('databases: Aurora cluster and instance, Redshift with its subnet group, DMS, OpenSearch and Elasticsearch', () => {
  const instance = entity(model, 'aws_rds_cluster_instance.aurora', 'database');
  assert.deepEqual([instance.databaseKind, alts(instance.publiclyAccessible), instance.securityGroups.map(alts), alts(instance.port), alts(instance.engine)], [
    'rds-instance',
    [{ value: true }],
    [[{ value: 'aws_security_group.web' }]],
    [{ value: 5432 }],
    [{ value: 'aurora-postgresql' }],
  ]);
  // A subnet group named by a literal: subnets unknown, never the default VPC.
  assert.deepEqual(alts(instance.subnetGroup), [{ value: undefined, literal: 'existing-group' }]);
  assert.deepEqual(instance.subnets.map(alts), [[{ value: undefined }]]);
  const rs = entity(model, 'aws_redshift_cluster.rs', 'database');
  assert.deepEqual([rs.databaseKind, alts(rs.publiclyAccessible), rs.subnets.map(alts)], ['redshift', [{ value: false }], [[{ value: 'aws_subnet.a' }], [{ value: 'aws_subnet.b' }]]]);
  const dms = entity(model, 'aws_dms_replication_instance.dms', 'database');
  assert.deepEqual([dms.databaseKind, dms.publiclyAccessible], ['dms', undefined]);
  const os = entity(model, 'aws_opensearch_domain.in_vpc', 'database');
  assert.deepEqual([os.databaseKind, os.publicEndpoint, os.subnets.map(alts), alts(os.engine)], ['opensearch', undefined, [[{ value: 'aws_subnet.b' }]], [{ value: 'OpenSearch_2.11' }]]);
  const es = entity(model, 'aws_elasticsearch_domain.public', 'database');
  assert.deepEqual([es.publicEndpoint, alts(es.engine)], [true, [{ value: '7.10' }]]);
});

test('EKS cluster access settings, Instance Connect Endpoint, WAF association', () => {
  const eks = entity(model, 'aws_eks_cluster.k8s', 'eks-cluster');
  assert.deepEqual([alts(eks.endpointPublicAccess), alts(eks.endpointPrivateAccess), eks.publicAccessCidrs.map(alts), eks.subnets.length], [[{ value: true }], [{ value: true }], [[{ value: '203.0.113.0/24' }]], 2]);
  assert.ok(eks.vpcConfigLoc);
  const eice = entity(model, 'aws_ec2_instance_connect_endpoint.eice', 'instance-connect-endpoint');
  assert.deepEqual([alts(eice.subnet), eice.securityGroups.map(alts)], [[{ value: 'aws_subnet.b' }], [[{ value: 'aws_security_group.web' }]]]);
  const waf = entity(model, 'aws_wafv2_web_acl_association.nlb', 'waf-association');
  assert.deepEqual([alts(waf.resource), alts(waf.webAcl)], [[{ value: 'aws_alb.nlb' }], [{ value: undefined, literal: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/x/1' }]]);
});

test('aws_default_security_group is a group with only its written rules; aws_autoscaling_attachment registers an ASG', () => {
  const group = entity(model, 'aws_default_security_group.default', 'security-group');
  assert.deepEqual([alts(group.vpc), group.ingress.map((r) => [r.id, r.peer.kind, alts(r.peer.value)]), group.egress, group.defaultEgressAll], [
    [{ value: 'aws_vpc.main' }],
    [['aws_default_security_group.default.ingress[0]', 'group', [{ value: 'aws_default_security_group.default' }]]],
    [],
    false,
  ]);
  assert.deepEqual(entity(model, 'aws_autoscaling_group.mixed', 'workload').targetGroups.map(alts), [[{ value: 'aws_lb_target_group.instances' }]]);
  const topology = buildTopology(model, defaultConfig());
  assert.deepEqual(topology.backendOf('aws_autoscaling_group.mixed')?.behind.map((lb) => lb.id), ['aws_alb.nlb']);
});
