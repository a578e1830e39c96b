// Tells the server when config files or CDK assemblies change: the client's file watcher when it offers one
// (workspace/didChangeWatchedFiles), else Node's own watcher on the workspace folders.
import { watch, FSWatcher } from 'node:fs';
import { Connection, DidChangeWatchedFilesNotification, WatchKind } from 'vscode-languageserver';
import { dirname, join } from 'node:path';
import { CONFIG_NAMES } from '../engine/config';
import { assemblyContaining, DocumentKind } from './detect';

export const WATCHED_GLOBS = [
  '**/.exposure-lint.{yaml,yml,json}',
  '**/cdk.out/**',
  '**/manifest.json',
  '**/*.template.json',
  '**/*.tf.json',
  '**/*.tf',
  '**/*.tfvars',
  '**/*.tfvars.json',
  '**/cdk.json',
  // Templates edited outside the editor (git pull, a generator): a workspace lint's results are refreshed.
  '**/*.{yaml,yml,json,template}',
];

/** Ask the client to watch what matters (dynamic registration). */
export function registerClientWatchers(connection: Connection): Promise<unknown> {
  const kind = WatchKind.Create | WatchKind.Change | WatchKind.Delete;
  // Created and deleted folders too (git pull adding or removing a stack folder): their files may get no event of their own.
  const watchers = [...WATCHED_GLOBS.map((globPattern) => ({ globPattern, kind })), { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }];
  return connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
}

/**
 * For clients without a file watcher (Neovim 0.7): Node watchers on the folders that matter (workspace
 * roots, the folders of config files and assemblies in use, an app's folder where cdk.out appears).
 * Not recursive: a recursive watch would also walk node_modules.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly onChange: (path: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  ensure(dir: string): void {
    if (this.watchers.has(dir)) return;
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        const path = name ? join(dir, name.toString()) : dir;
        if (isInteresting(path)) this.onChange(path);
      });
      watcher.on('error', () => {
        // The folder went away (cdk synth replaces cdk.out): watch it again when it is next needed.
        watcher.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, watcher);
    } catch (error) {
      this.log(`Cannot watch ${dir} (${(error as Error).message}); changes there apply on the next edit`);
    }
  }

  /** Watch what a document's findings depend on: its folder, its config file's, its assembly and where that appears. */
  watchDocument(path: string, kind: DocumentKind, configFile: string | undefined): void {
    if (configFile) this.ensure(dirname(configFile));
    this.ensure(dirname(path));
    const assembly = kind.kind === 'cdk-source' ? kind.assembly : kind.kind === 'cloudformation' ? kind.assembly ?? assemblyContaining(path) : undefined;
    if (assembly) {
      this.ensure(assembly);
      this.ensure(dirname(assembly));
    }
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}

export function isConfigFile(path: string): boolean {
  return CONFIG_NAMES.some((name) => path.endsWith(`/${name}`) || path === name);
}

/** Paths whose change can change findings of open documents. */
export function isInteresting(path: string): boolean {
  if (/(^|\/)(node_modules|\.git)\//.test(path)) return false;
  return isConfigFile(path) || /(^|\/)cdk\.out(\/|$)/.test(path) || /(manifest|cdk)\.json$|\.template\.json$|\.(tf|tfvars)(\.json)?$/.test(path);
}
