// `exposureLint/exposureReport`: the exposure changes in a workspace folder since a git revision, as a readable report.
import { exposureReportSince, GitError } from '../diff';
import { ExposureReportParams, ExposureReportResult } from './protocol';
import { configInDir, Settings } from './settings';
import { uriToPath } from './uris';

export async function exposureReport(params: ExposureReportParams, folders: string[], settings: Settings, log: (message: string) => void): Promise<ExposureReportResult> {
  const folder = (params.folder ? uriToPath(params.folder) : undefined) ?? folders[0];
  if (!folder) return { error: 'No workspace folder is open' };
  try {
    const { config } = configInDir(folder, settings);
    return { report: await exposureReportSince(params.ref || 'HEAD', folder, params.format === 'text' ? 'text' : 'markdown', { config }) };
  } catch (error) {
    // Not a repository, no such revision: the user is told why, the server goes on.
    if (!(error instanceof GitError)) log(`Exposure report failed: ${(error as Error)?.stack ?? String(error)}`);
    return { error: (error as Error)?.message ?? String(error) };
  }
}
