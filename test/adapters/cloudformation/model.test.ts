// The CloudFormation adapter on a small network (YAML and JSON): entities, links, resolved values, exact spans.
import test from 'node:test';
import assert from 'node:assert/strict';
import { alts, entity, fixtureModel, textAt } from './helpers';

for (const name of ['network.yaml', 'network.json']) {
  const { model, text } = fixtureModel(name);
  const yaml = name.endsWith('.yaml');

  test(`${name}: entity locations are the logical ID, the block and the Properties pair`, () => {
    const db = entity(model, 'Db', 'database');
    assert.equal(textAt(text, db.loc), yaml ? 'Db' : '"Db"');
    assert.ok(textAt(text, db.blockLoc)!.startsWith(yaml ? 'Db:\n    Type: AWS::RDS::DBInstance' : '"Db": {'));
    assert.ok(textAt(text, db.blockLoc)!.endsWith(yaml ? 'Port: "5432"' : '}'));
    assert.ok(textAt(text, db.propertiesLoc)!.startsWith(yaml ? 'Properties:\n      Engine: postgres' : '"Properties": {'));
    assert.equal(db.type, 'AWS::RDS::DBInstance');
    assert.equal(db.databaseKind, 'rds-instance');
  });

  test(`${name}: props keep key+value and value spans; list items their own span`, () => {
    const db = entity(model, 'Db', 'database');
    assert.equal(textAt(text, db.publiclyAccessible!.loc), yaml ? 'PubliclyAccessible: !If [UsePublic, "true", false]' : textAt(text, db.publiclyAccessible!.loc));
    if (!yaml) assert.match(textAt(text, db.publiclyAccessible!.loc)!, /^"PubliclyAccessible": \{\s+"Fn::If": \[/);
    assert.equal(textAt(text, db.publiclyAccessible!.valueLoc), yaml ? '!If [UsePublic, "true", false]' : textAt(text, db.publiclyAccessible!.valueLoc));
    assert.deepEqual(alts(db.publiclyAccessible), [
      { value: true, when: [{ condition: 'UsePublic', holds: true }] },
      { value: false, when: [{ condition: 'UsePublic', holds: false }] },
    ]);
    assert.deepEqual(alts(db.port), [{ value: 5432 }]);
    assert.deepEqual(alts(db.engine), [{ value: 'postgres' }]);
    assert.deepEqual(db.subnets.map(alts), [[{ value: 'PrivateA' }]]);
    assert.deepEqual(alts(db.subnetGroup), [{ value: 'DbSubnets' }]);
    assert.deepEqual(db.securityGroups.map(alts), [[{ value: 'AppSg' }], [{ value: undefined, literal: 'sg-0123' }]]);
    assert.equal(textAt(text, db.securityGroups[1].loc), '"sg-0123"'.slice(yaml ? 1 : 0, yaml ? -1 : undefined));
    assert.deepEqual(db.securityGroups[1].loc, db.securityGroups[1].valueLoc);
    const alb = entity(model, 'Alb', 'load-balancer');
    assert.equal(textAt(text, alb.subnets[0].loc), yaml ? '!Ref PublicA' : '{\n                        "Ref": "PublicA"\n                    }');
    assert.deepEqual(alb.subnets.map(alts), [[{ value: 'PublicA' }], [{ value: undefined, literal: 'subnet-0literal' }]]);
  });

  test(`${name}: VPC, internet gateway attachment, subnets`, () => {
    assert.deepEqual(alts(entity(model, 'Vpc', 'vpc').cidr), [{ value: '10.0.0.0/16' }]);
    const igw = entity(model, 'Igw', 'internet-gateway');
    assert.deepEqual(igw.attachments.map((a) => [a.id, alts(a.vpc)]), [['IgwAttach', [{ value: 'Vpc' }]]]);
    assert.ok(textAt(text, igw.attachments[0].loc)!.startsWith(yaml ? 'IgwAttach:' : '"IgwAttach"'));
    assert.deepEqual(alts(entity(model, 'PublicA', 'subnet').mapPublicIpOnLaunch), [{ value: true }]);
    // `!If [UsePublic, true, !Ref AWS::NoValue]`: only the guarded alternative.
    assert.deepEqual(alts(entity(model, 'PrivateA', 'subnet').mapPublicIpOnLaunch), [{ value: true, when: [{ condition: 'UsePublic', holds: true }] }]);
    assert.deepEqual(alts(entity(model, 'PrivateA', 'subnet').vpc), [{ value: 'Vpc' }]);
  });

  test(`${name}: routes are collected into their tables, one per target kind`, () => {
    const pub = entity(model, 'PublicRt', 'route-table');
    assert.deepEqual(
      pub.routes.map((r) => [r.id, r.target.kind, alts(r.target.ref), alts(r.destination)]),
      [['PublicDefault', 'internet-gateway', [{ value: 'Igw' }], [{ value: '0.0.0.0/0' }]]],
    );
    assert.equal(pub.routes[0].entity?.id, 'PublicDefault');
    assert.deepEqual(pub.associations.map((a) => [a.id, alts(a.subnet)]), [['PublicAssoc', [{ value: 'PublicA' }]]]);
    const priv = entity(model, 'PrivateRt', 'route-table');
    assert.deepEqual(
      priv.routes.map((r) => [r.target.kind, alts(r.target.ref)]),
      [
        ['internet-gateway', [{ value: undefined, literal: 'igw-0abc', when: [{ condition: 'HasNat', holds: false }] }]],
        ['nat-gateway', [{ value: 'Nat', when: [{ condition: 'HasNat', holds: true }] }]],
      ],
    );
  });

  test(`${name}: NAT gateway with its EIP and resource Condition`, () => {
    const nat = entity(model, 'Nat', 'nat-gateway');
    assert.equal(nat.condition, 'HasNat');
    assert.deepEqual(alts(nat.subnet), [{ value: 'PublicA' }]);
    assert.deepEqual(alts(nat.allocation), [{ value: 'NatEip' }]);
    assert.deepEqual(entity(model, 'NatEip', 'eip').attachedTo, []);
  });

  test(`${name}: security groups, inline and standalone rules`, () => {
    const alb = entity(model, 'AlbSg', 'security-group');
    assert.equal(alb.defaultEgressAll, true);
    assert.deepEqual(
      alb.ingress.map((r) => [r.id, r.peer.kind, alts(r.peer.value), alts(r.fromPort), alts(r.toPort), alts(r.protocol)]),
      [
        ['AlbSg.ingress[0]', 'cidr', [{ value: '0.0.0.0/0' }], [{ value: 443 }], [{ value: 443 }], [{ value: 'tcp' }]],
        ['AlbSg.ingress[1]', 'cidr6', [{ value: '::/0', when: [{ condition: 'UsePublic', holds: true }] }], [{ value: 80, when: [{ condition: 'UsePublic', holds: true }] }], [{ value: 80, when: [{ condition: 'UsePublic', holds: true }] }], [{ value: 'tcp', when: [{ condition: 'UsePublic', holds: true }] }]],
      ],
    );
    if (yaml) assert.equal(textAt(text, alb.ingress[0].loc), 'IpProtocol: tcp\n          FromPort: 443\n          ToPort: "443"\n          CidrIp: 0.0.0.0/0');
    assert.ok(textAt(text, alb.ingressListLoc)!.startsWith(yaml ? 'SecurityGroupIngress:' : '"SecurityGroupIngress"'));
    const app = entity(model, 'AppSg', 'security-group');
    assert.equal(app.defaultEgressAll, false);
    assert.deepEqual(
      app.ingress.map((r) => [r.id, r.peer.kind, alts(r.peer.value), r.entity?.id]),
      [
        ['AppSg.ingress[0]', 'group', [{ value: 'AlbSg' }], undefined],
        // !Sub "${AdminCidr}" with the parameter's default.
        ['SshIn', 'cidr', [{ value: '10.0.0.0/8' }], 'SshIn'],
      ],
    );
    assert.deepEqual(alts(app.ingress[1].group), [{ value: 'AppSg' }]);
    assert.deepEqual(app.egress.map((r) => [r.id, alts(r.protocol), alts(r.peer.value)]), [['AppSg.egress[0]', [{ value: '-1' }], [{ value: '10.0.0.0/8' }]]]);
    assert.deepEqual(model.sgRules.map((r) => r.id), ['AlbSg.ingress[0]', 'AlbSg.ingress[1]', 'AppSg.ingress[0]', 'AppSg.egress[0]', 'SshIn']);
  });

  test(`${name}: Metadata suppressions and intended edge`, () => {
    const rule = model.sgRules.find((r) => r.id === 'SshIn')!;
    assert.deepEqual(rule.entity?.suppressions.map((s) => [s.ruleId, s.reason]), [['sg-world-ssh', 'bastion during migration']]);
    const alb = entity(model, 'Alb', 'load-balancer');
    assert.equal(alb.intendedEdge, true);
    assert.deepEqual(alb.suppressions.map((s) => [s.ruleId, s.reason, textAt(text, s.loc)]), [['alb-waf', undefined, yaml ? 'alb-waf' : '"alb-waf"']]);
  });

  test(`${name}: load balancer, listeners, target group forwards`, () => {
    const alb = entity(model, 'Alb', 'load-balancer');
    assert.equal(alb.lbKind, 'application');
    assert.deepEqual(alts(alb.scheme), [{ value: 'internet-facing' }]);
    assert.deepEqual(alb.securityGroups.map(alts), [[{ value: 'AlbSg' }]]);
    assert.deepEqual(
      alb.listeners.map((l) => [l.id, alts(l.protocol), alts(l.port), l.redirectsToHttps]),
      [
        ['HttpListener', [{ value: 'HTTP' }], [{ value: 80 }], true],
        // Port from !FindInMap [Ports, !Ref Env, Web] with Env's default.
        ['HttpsListener', [{ value: 'HTTPS' }], [{ value: 443 }], false],
      ],
    );
    assert.ok(textAt(text, alb.listeners[0].defaultActionsLoc)!.startsWith(yaml ? 'DefaultActions:' : '"DefaultActions"'));
    const tg = entity(model, 'AppTg', 'target-group');
    assert.deepEqual([tg.loadBalancers, alts(tg.port), alts(tg.protocol), alts(tg.targetType)], [['Alb'], [{ value: 8080 }], [{ value: 'HTTP' }], [{ value: 'instance' }]]);
  });

  test(`${name}: launch template and auto scaling group`, () => {
    const lt = entity(model, 'AppLt', 'workload');
    assert.equal(lt.workloadKind, 'launch-template');
    assert.deepEqual(alts(lt.publicIp), [{ value: false }]);
    assert.deepEqual(lt.securityGroups.map(alts), [[{ value: 'AppSg' }]]);
    const asg = entity(model, 'AppAsg', 'workload');
    assert.equal(asg.workloadKind, 'auto-scaling-group');
    assert.deepEqual([asg.subnets.map(alts), alts(asg.launchTemplate), asg.targetGroups.map(alts)], [[[{ value: 'PrivateA' }]], [{ value: 'AppLt' }], [[{ value: 'AppTg' }]]]);
  });

  test(`${name}: every resource id and entity is indexed`, () => {
    assert.equal(model.resourceIds.size, 23);
    assert.ok(model.resourceIds.has('DbSubnets') && model.resourceIds.has('IgwAttach'));
    assert.deepEqual([...model.byId.keys()].sort(), ['Alb', 'AlbSg', 'AppAsg', 'AppLt', 'AppSg', 'AppTg', 'Db', 'HttpListener', 'HttpsListener', 'Igw', 'Nat', 'NatEip', 'PrivateA', 'PrivateRt', 'PublicA', 'PublicRt', 'Vpc']);
    assert.deepEqual(model.problems, []);
    assert.equal(model.dialect, 'cloudformation');
  });
}
