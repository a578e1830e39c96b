// Test CDK app for exposure-lint: one exposed stack at the top level and one inside a Stage.
import { App } from 'aws-cdk-lib';
import { ExposedStack } from '../lib/exposed-stack';
import { ProdStage } from '../lib/prod-stage';

const app = new App();
new ExposedStack(app, 'ExposedStack');
new ProdStage(app, 'Prod');
app.synth();
