// Resources peers check (issue 9): CDK's EKS cluster, Classic Load Balancers, WAF Classic, Lambda function URLs,
// MSK, Redshift Serverless, OpenSearch and SageMaker notebooks, in CloudFormation YAML/JSON and Terraform JSON.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Finding, defaultConfig } from '../../server/src/engine/types';
import { Linted, assertFindings, assertFixResolves, fixturePath, lintFile } from '../helpers/rule-harness';
import { assertTerraformFixResolves, lintTerraformFile } from '../helpers/terraform-rule-harness';

const cfn = (rule: string, name: string) => lintFile(fixturePath(rule, name));
const tf = (rule: string, name: string) => lintTerraformFile(fixturePath(rule, name));

function only(linted: Linted, ruleId: string, resource: string): Finding {
  const found = linted.findings.filter((f) => f.ruleId === ruleId && f.resource === resource);
  assert.equal(found.length, 1, `one ${ruleId} finding on ${resource}`);
  return found[0];
}

function preferred(finding: Finding): boolean[] {
  return finding.fixes.map((f) => f.preferred === true);
}

test('CDK eks.Cluster (Custom::AWSCDK-EKS-Cluster): public endpoints reported on Config.resourcesVpcConfig, camelCase fixes', () => {
  const linted = cfn('eks-public-endpoint', 'cdk-cluster.yaml');
  assertFindings(linted, 'eks-public-endpoint', [
    { ruleId: 'eks-public-endpoint', resource: 'PublicCluster', range: { startLine: 22, startCol: 11, endLine: 22, endCol: 37 }, message: 'EKS cluster PublicCluster has a public Kubernetes API endpoint (endpointPublicAccess is true, open to 0.0.0.0/0 by default)', certainty: 'definite', fixes: ['Make the API endpoint of PublicCluster private'] },
    { ruleId: 'eks-public-endpoint', resource: 'DefaultCluster', text: 'DefaultCluster', message: 'endpointPublicAccess is not set and defaults to true', certainty: 'definite' },
    { ruleId: 'eks-public-endpoint', resource: 'WorldCidrCluster', text: 'endpointPublicAccess: true', message: 'publicAccessCidrs includes 0.0.0.0/0', certainty: 'definite' },
  ]);
  for (const finding of linted.findings.filter((f) => f.ruleId === 'eks-public-endpoint')) {
    assert.deepEqual(preferred(finding), [true]);
    const fixed = assertFixResolves(linted, finding, finding.fixes[0]);
    // The fix writes the API's own keys where CDK's provider reads them.
    assert.match(fixed.text, new RegExp(`${finding.resource}:[\\s\\S]*?resourcesVpcConfig:[\\s\\S]*?endpointPublicAccess: false`));
  }
});

test('CDK eks.Cluster in JSON: the public cluster only, fix applied and re-linted', () => {
  const linted = cfn('eks-public-endpoint', 'cdk-cluster.json');
  const [finding] = assertFindings(linted, 'eks-public-endpoint', [
    { ruleId: 'eks-public-endpoint', resource: 'PublicCluster', text: '"endpointPublicAccess": true', message: 'endpointPublicAccess is true', certainty: 'definite' },
  ]);
  assertFixResolves(linted, finding, finding.fixes[0]);
});

test('Classic Load Balancer: an internet-facing HTTP listener is reported, the internal one is not; its instance is behind it', () => {
  for (const name of ['classic-elb.yaml', 'classic-elb.json']) {
    const linted = cfn('alb-http-listener', name);
    const yaml = name.endsWith('.yaml');
    assertFindings(linted, 'alb-http-listener', [
      { ruleId: 'alb-http-listener', resource: 'WebElb', text: yaml ? 'Protocol: HTTP' : '"Protocol": "HTTP"', message: 'A listener of internet-facing Classic Load Balancer WebElb serves plain HTTP on port 80', certainty: 'definite', fixes: [] },
    ]);
    // The instance is behind the ELB: its world-open group is reached only through it, one level lower.
    assertFindings(linted, 'backend-open-to-internet', [
      { ruleId: 'backend-open-to-internet', resource: 'AppSg', text: yaml ? 'CidrIp: 0.0.0.0/0' : '"CidrIp": "0.0.0.0/0"', message: "App sits in private subnets with no public IP, so only WebElb reaches it from the internet: admit the load balancer's group instead of the world", certainty: 'definite', fixes: ["Admit AppSg only from WebElb's group ElbSg instead of 0.0.0.0/0", 'Remove the world-open rule from AppSg (the load balancer in front of App loses access too)'] },
    ]);
    assert.equal(only(linted, 'backend-open-to-internet', 'AppSg').severity, 'warning');
    // The ELB's own group, open on 80/443, is the edge.
    assert.equal(linted.findings.some((f) => f.resource === 'ElbSg' || f.resource === 'InternalElb'), false);
    const fix = only(linted, 'backend-open-to-internet', 'AppSg').fixes[0];
    assertFixResolves(linted, only(linted, 'backend-open-to-internet', 'AppSg'), fix);
  }
});

test('Classic Load Balancer in Terraform: aws_elb listener blocks and aws_elb_attachment', () => {
  const linted = tf('alb-http-listener', 'classic-elb.tf.json');
  assertFindings(linted, 'alb-http-listener', [
    { ruleId: 'alb-http-listener', resource: 'aws_elb.web', text: '"lb_protocol": "http"', message: 'A listener of internet-facing Classic Load Balancer aws_elb.web serves plain HTTP on port 80', certainty: 'definite', fixes: [] },
  ]);
  assertFindings(linted, 'backend-open-to-internet', [
    { ruleId: 'backend-open-to-internet', resource: 'aws_security_group.app', text: '"0.0.0.0/0"', message: 'aws_instance.app sits in private subnets with no public IP, so only aws_elb.web reaches it', certainty: 'definite' },
    // Registered by aws_elb_attachment alone: still behind the ELB.
    { ruleId: 'backend-open-to-internet', resource: 'aws_security_group.worker', text: '"0.0.0.0/0"', message: 'aws_instance.worker sits in private subnets with no public IP, so only aws_elb.web reaches it', certainty: 'definite' },
  ]);
  const finding = only(linted, 'backend-open-to-internet', 'aws_security_group.app');
  assert.equal(finding.severity, 'warning');
  assertTerraformFixResolves(linted, finding, finding.fixes[0]);
});

test('WAF Classic regional association protects its ALB (CloudFormation and Terraform)', () => {
  for (const [linted, bare] of [
    [cfn('alb-without-waf', 'waf-classic.yaml'), 'BareAlb'],
    [cfn('alb-without-waf', 'waf-classic.json'), 'BareAlb'],
    [tf('alb-without-waf', 'waf-classic.tf.json'), 'aws_lb.bare'],
  ] as const) {
    assertFindings(linted, 'alb-without-waf', [
      { ruleId: 'alb-without-waf', resource: bare, text: linted.path.endsWith('.yaml') ? bare : `"${bare.replace('aws_lb.', '')}"`, message: `Internet-facing ALB ${bare} has no WAF web ACL`, certainty: 'definite' },
    ]);
  }
});

test('Lambda function URLs with AuthType NONE are backends open to the internet; IAM auth and intended edges are not', () => {
  for (const name of ['function-url.yaml', 'function-url.json']) {
    const linted = cfn('backend-open-to-internet', name);
    const q = name.endsWith('.yaml') ? (k: string, v: string) => `${k}: ${v}` : (k: string, v: string) => `"${k}": "${v}"`;
    const found = assertFindings(linted, 'backend-open-to-internet', [
      { ruleId: 'backend-open-to-internet', resource: 'OpenUrl', text: q('AuthType', 'NONE'), message: 'Function URL OpenUrl has AuthType NONE: anyone on the internet can invoke Api directly, past any ALB and without authentication', certainty: 'definite', fixes: ['Require IAM authentication on OpenUrl (AuthType AWS_IAM: callers must sign their requests)'] },
      { ruleId: 'backend-open-to-internet', resource: 'ImportedUrl', text: q('AuthType', 'NONE'), message: 'anyone on the internet can invoke the function `!ImportValue shared-Webhook`'.replace('`!ImportValue shared-Webhook`', name.endsWith('.yaml') ? '`!ImportValue shared-Webhook`' : '`{ "Fn::ImportValue": "shared-Webhook" }`'), certainty: 'definite' },
    ]);
    for (const finding of found) {
      assert.equal(finding.severity, 'error');
      // Requiring IAM changes who can call the function: offered, never preferred.
      assert.deepEqual(preferred(finding), [false]);
      assertFixResolves(linted, finding, finding.fixes[0]);
    }
  }
  const linted = tf('backend-open-to-internet', 'function-url.tf.json');
  const found = assertFindings(linted, 'backend-open-to-internet', [
    { ruleId: 'backend-open-to-internet', resource: 'aws_lambda_function_url.open', text: '"authorization_type": "NONE"', message: 'Function URL aws_lambda_function_url.open has authorization_type NONE: anyone on the internet can invoke aws_lambda_function.api directly', certainty: 'definite' },
    { ruleId: 'backend-open-to-internet', resource: 'aws_lambda_function_url.named', text: '"authorization_type": "NONE"', message: 'invoke the function `billing-webhook` directly', certainty: 'definite' },
  ]);
  for (const finding of found) {
    assert.deepEqual(preferred(finding), [false]);
    assertTerraformFixResolves(linted, finding, finding.fixes[0]);
  }
});

test('MSK public access, a public Redshift Serverless workgroup and an OpenSearch domain outside a VPC are public databases', () => {
  for (const name of ['data-services.yaml', 'data-services.json']) {
    const linted = cfn('public-database', name);
    const yaml = name.endsWith('.yaml');
    const found = assertFindings(linted, 'public-database', [
      { ruleId: 'public-database', resource: 'PublicKafka', text: yaml ? 'Type: SERVICE_PROVIDED_EIPS' : '"Type": "SERVICE_PROVIDED_EIPS"', message: 'MSK cluster PublicKafka has public access (ConnectivityInfo.PublicAccess.Type: SERVICE_PROVIDED_EIPS): every broker gets a public IP address', certainty: 'definite', fixes: ['Set ConnectivityInfo.PublicAccess.Type: DISABLED on PublicKafka'] },
      { ruleId: 'public-database', resource: 'PublicWorkgroup', text: yaml ? 'PubliclyAccessible: true' : '"PubliclyAccessible": true', message: 'Redshift Serverless workgroup PublicWorkgroup is publicly accessible (PubliclyAccessible: true)', certainty: 'definite', fixes: ['Set PubliclyAccessible: false on PublicWorkgroup'] },
      { ruleId: 'public-database', resource: 'PublicSearch', text: yaml ? 'PublicSearch' : '"PublicSearch"', message: 'OpenSearch domain PublicSearch has no VPCOptions: its endpoint is public on the internet', certainty: 'definite', fixes: [] },
    ]);
    for (const finding of found.filter((f) => f.fixes.length)) {
      assert.deepEqual(preferred(finding), [true]);
      assertFixResolves(linted, finding, finding.fixes[0]);
    }
  }
  const linted = tf('public-database', 'data-services.tf.json');
  const found = assertFindings(linted, 'public-database', [
    { ruleId: 'public-database', resource: 'aws_msk_cluster.public', text: '"type": "SERVICE_PROVIDED_EIPS"', message: 'MSK cluster aws_msk_cluster.public has public access (connectivity_info.public_access.type: SERVICE_PROVIDED_EIPS)', certainty: 'definite' },
    { ruleId: 'public-database', resource: 'aws_redshiftserverless_workgroup.public', text: '"publicly_accessible": true', message: 'Redshift Serverless workgroup aws_redshiftserverless_workgroup.public is publicly accessible (publicly_accessible: true)', certainty: 'definite' },
    { ruleId: 'public-database', resource: 'aws_opensearch_domain.public', text: '"public"', message: 'OpenSearch domain aws_opensearch_domain.public has no vpc_options', certainty: 'definite' },
  ]);
  for (const finding of found.filter((f) => f.fixes.length)) assertTerraformFixResolves(linted, finding, finding.fixes[0]);
});

test('SageMaker notebooks with direct internet access (default Enabled): public-ip-on-backend one level lower', () => {
  for (const name of ['notebooks.yaml', 'notebooks.json']) {
    const linted = cfn('public-ip-on-backend', name);
    const yaml = name.endsWith('.yaml');
    const found = assertFindings(linted, 'public-ip-on-backend', [
      { ruleId: 'public-ip-on-backend', resource: 'DefaultNotebook', text: yaml ? 'DefaultNotebook' : '"DefaultNotebook"', message: 'SageMaker notebook DefaultNotebook has direct internet access (DirectInternetAccess is not set and defaults to Enabled)', certainty: 'definite', fixes: [] },
      { ruleId: 'public-ip-on-backend', resource: 'SubnetNotebook', text: yaml ? 'DirectInternetAccess: Enabled' : '"DirectInternetAccess": "Enabled"', message: 'SageMaker notebook SubnetNotebook has direct internet access (DirectInternetAccess is Enabled)', certainty: 'definite', fixes: ["Set DirectInternetAccess: Disabled on SubnetNotebook (it then reaches the internet only through its subnet's NAT)"] },
    ]);
    for (const finding of found) assert.equal(finding.severity, 'warning');
    assert.deepEqual(preferred(found[1]), [false]);
    assertFixResolves(linted, found[1], found[1].fixes[0]);
  }
  const linted = tf('public-ip-on-backend', 'notebooks.tf.json');
  const found = assertFindings(linted, 'public-ip-on-backend', [
    { ruleId: 'public-ip-on-backend', resource: 'aws_sagemaker_notebook_instance.default', text: '"default"', message: 'direct_internet_access is not set and defaults to Enabled', certainty: 'definite', fixes: [] },
    { ruleId: 'public-ip-on-backend', resource: 'aws_sagemaker_notebook_instance.subnet', text: '"direct_internet_access": "Enabled"', message: 'direct_internet_access is Enabled', certainty: 'definite' },
  ]);
  assertTerraformFixResolves(linted, found[1], found[1].fixes[0]);
});

test('a function marked as an intended edge clears the findings of the URLs that serve it', () => {
  const linted = lintFile(fixturePath('backend-open-to-internet', 'function-url.yaml'), { ...defaultConfig(), intendedEdges: ['Api'] });
  assertFindings(linted, 'backend-open-to-internet', [
    { ruleId: 'backend-open-to-internet', resource: 'ImportedUrl', text: 'AuthType: NONE', message: 'Function URL ImportedUrl has AuthType NONE', certainty: 'definite' },
  ]);
});
