// CDK cloud assembly support: read cdk.out, locate constructs in the app's source, map findings there.
export { readCloudAssembly, isCloudAssemblyDir } from './assembly';
export type { CloudAssembly, StackArtifact, ConstructInfo } from './assembly';
export { AppSources, appForAssembly, appForSourceFile, readCdkApp } from './app-sources';
export type { CdkAppInfo } from './app-sources';
export { locateConstruct } from './locate';
export { mapFindingsToSource } from './map-findings';
