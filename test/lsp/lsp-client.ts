// Test helper: starts dist/server.js over stdio and talks to it with vscode-languageserver-protocol's client side.
import { ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  CodeAction,
  CodeActionParams,
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  createProtocolConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  LogMessageParams,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

/** The project root (this file runs from out/test/lsp). */
export const PROJECT_ROOT = resolve(__dirname, '../../..');
export const SERVER = join(PROJECT_ROOT, 'dist/server.js');

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export function tempDir(prefix = 'exposure-lint-lsp-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StartOptions {
  /** Workspace folder (absolute path). */
  folder?: string;
  /** What the server gets when it asks for the `exposureLint` section (workspace/configuration). */
  settings?: Record<string, unknown>;
  /** Announce a client-side file watcher (the server then registers its globs). */
  watchedFiles?: boolean;
  /** Announce codeAction/resolve for edits (VS Code does; Neovim 0.7 does not). */
  resolveSupport?: boolean;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Announce no optional capability at all (the plainest LSP client). */
  bare?: boolean;
  /** Transport (default stdio). */
  transport?: 'stdio' | 'node-ipc';
  /** Server bundle to run (default dist/server.js; benchmarks compare builds). */
  server?: string;
}

/** Waits for published diagnostics: every notification is kept, waiters see the newest per URI. */
export class TestClient {
  readonly logs: string[] = [];
  readonly messages: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly progress: unknown[] = [];
  settings: Record<string, unknown>;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly versions = new Map<string, number>();
  initializeResult: InitializeResult | undefined;
  stderr = '';

  constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    connection.onNotification(LogMessageNotification.method, (params: LogMessageParams) => void this.logs.push(params.message));
    connection.onNotification(ShowMessageNotification.method, (params: ShowMessageParams) => void this.messages.push(params.message));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'exposureLint' ? this.settings : null)));
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.method, () => null);
    connection.onProgress(WorkDoneProgress.type, 'lint-workspace', (value) => void this.progress.push(value));
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const server = options.server ?? SERVER;
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
    const env = { ...process.env, ...options.env };
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (options.transport === 'node-ipc') {
      child = fork(server, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new TestClient(connection, child, options);
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: !!options.watchedFiles },
        workspaceFolders: true,
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
          resolveSupport: { properties: options.resolveSupport ? ['edit'] : [] },
        },
      },
      window: { workDoneProgress: true },
    };
    const folder = options.folder;
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? uriOf(folder) : null,
      workspaceFolders: folder && !options.bare ? [{ uri: uriOf(folder), name: 'ws' }] : null,
      capabilities: options.bare ? {} : capabilities,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The next diagnostics for `uri` that satisfy `test` (or the newest already received, if it does). */
  diagnostics(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    const have = this.latest.get(uri);
    if (have && test(have)) return Promise.resolve(have);
    return this.nextDiagnostics(uri, test, timeoutMs);
  }

  /** Diagnostics published after this call (ignores what was already received). */
  nextDiagnostics(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolvePromise, reject) => {
      const waiter = { uri, test, resolve: (p: PublishDiagnosticsParams) => (clearTimeout(timer), resolvePromise(p)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => d.code))}; logs: ${this.logs.slice(-5).join(' | ')}; stderr: ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The newest diagnostics received for `uri`, if any. */
  published(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Send changes (incremental ranges or the whole text); returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  codeActions(uri: string, range: CodeActionParams['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } }) as Promise<CodeAction[]>;
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { exposureLint: settings } });
  }

  async fileChanged(path: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path), type }] });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolveExit) => {
      if (this.child.exitCode !== null) resolveExit();
      else this.child.once('exit', () => resolveExit());
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    await exited;
    this.connection.dispose();
  }
}

/** Apply LSP text edits to a text (as an editor does: all ranges refer to the original text). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  return out;
}

/** The edits of a workspace edit for one URI. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  return edit?.changes?.[uri] ?? [];
}

export { FileChangeType };
