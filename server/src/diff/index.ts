// The exposure diff's public surface: compare two versions, read one from git, render the report, editor hooks.
export { diffPaths, diffResults, diffUnits, DiffInputError, introducesErrors } from './diff';
export { diffSince } from './since';
export type { SinceOptions } from './since';
export { GitError } from './git';
export { renderExposureReport } from './render';
export type { RenderOptions } from './render';
export { changedSince, exposureReportSince, introducedSince, markIntroduced } from './editor';
export type { IntroducedSinceRequest } from './editor';
export { matchFindings } from './match';
export { detectRenames, structuralFingerprints } from './renames';
export type * from './types';
