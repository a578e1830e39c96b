// file:// URIs <-> paths; documents that are not files (untitled:) keep their URI as their identity.
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a file URI, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
