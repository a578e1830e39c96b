// The language server: keeps open documents, lints them when they change, publishes diagnostics, answers code actions.
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CodeActionRequest,
  CodeActionResolveRequest,
  Connection,
  ErrorCodes,
  ResponseError,
  Diagnostic,
  DidChangeConfigurationNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isIgnored } from '../engine/config';
import { Config, Finding } from '../engine/types';
import { VERSION } from '../cli/rule-docs';
import { analyze, relint } from './analyze';
import type { TemplateSnapshot } from '../engine/incremental';
import { codeActions, FixAllData, fixAllEdit, LintedDocument } from './code-actions';
import { detectKind, DocumentKind } from './detect';
import { DocumentRef, internalErrorDiagnostic, toDiagnostic } from './diagnostics';
import { LineTables } from './line-tables';
import { ExposureReportRequest, FIX_ALL_KIND, LintWorkspaceRequest, SETTINGS_SECTION } from './protocol';
import { exposureReport } from './report';
import { exposureMapFor, MapRequest } from './map-request';
import { NewSinceTracker } from './new-since';
import { fingerprint } from './fingerprint';
import { LintScheduler, MessageActivity } from './scheduler';
import { configFor, defaultSettings, parseSettings, Settings } from './settings';
import { uriToPath } from './uris';
import { FolderWatcher, isConfigFile, isInteresting, registerClientWatchers } from './watch';
import { affectsWorkspace, lintWorkspace } from './workspace-lint';
import { configDiagnostics, describeStartup } from './config-diagnostics';

/** How long the first lint waits for the client's answer to workspace/configuration. */
const SETTINGS_WAIT_MS = 3000;

/** What the server remembers of an open document between lints. */
interface DocumentState {
  /** The version that opened the document (its first change event is the open itself). */
  openedVersion: number;
  /** The latest lint: the version and text it saw, what it found. */
  linted?: { version: number; text: string; kind: DocumentKind; config: Config; findings: Finding[] };
  /** The template's last lint, answering the next keystroke when it cannot change a finding. */
  snapshot?: TemplateSnapshot;
  /** Diagnostics are showing for it (so turning silent must clear them). */
  published: boolean;
  /** The newest version diagnostics were published for: an older one is never published after it. */
  publishedVersion?: number;
}

interface ClientSupport {
  configurationPull: boolean;
  watchedFilesDynamic: boolean;
  configurationDynamic: boolean;
  resolveEdit: boolean;
  workspaceFolders: boolean;
}

export class ExposureLintServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocumentState>();
  private readonly scheduler = new LintScheduler((uri) => this.lint(uri), undefined, () => this.activity?.handled ?? 0);
  private readonly newSince = new NewSinceTracker((uri) => this.republish(uri), (message) => this.log(message));
  private settings: Settings = defaultSettings();
  private folders: string[] = [];
  private support: ClientSupport = { configurationPull: false, watchedFilesDynamic: false, configurationDynamic: false, resolveEdit: false, workspaceFolders: false };
  private workspacePublished = new Set<string>();
  /** The last workspace lint's diagnostics per file, open files included: shown again when a file closes. */
  private workspaceResults = new Map<string, Diagnostic[]>();
  /** Set once "Lint workspace" ran: from then on, changes on disk refresh its results. */
  private workspaceLinted = false;
  private workspaceTimer: NodeJS.Timeout | undefined;
  private workspaceRun: Promise<unknown> = Promise.resolve();
  /** The client's command that opens a rule page (initializationOptions.showRuleDocCommand). */
  private showDocCommand: string | undefined;
  private readonly reported = new Set<string>();
  private folderWatcher: FolderWatcher | undefined;
  private relintTimer: NodeJS.Timeout | undefined;
  /** False until the client's settings are in: documents opened earlier are linted once they are (no flash of wrong diagnostics). */
  private ready = false;
  /** After `shutdown` every request is an error (LSP: InvalidRequest) and nothing is linted. */
  private shutDown = false;

  /** `activity` counts the connection's handled messages (see `MessageActivity`): lints wait for queued edits. */
  constructor(
    private readonly connection: Connection,
    private readonly activity?: MessageActivity,
  ) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration((change) => void this.configurationChanged(change.settings));
    connection.onDidChangeWatchedFiles((change) => {
      const paths = change.changes.map((event) => uriToPath(event.uri) ?? event.uri);
      if (paths.some(isInteresting)) this.filesChanged(paths);
      const addedOrDeleted = change.changes.filter((event) => event.type !== FileChangeType.Changed).map((event) => uriToPath(event.uri) ?? event.uri);
      if (this.workspaceLinted && (paths.some(affectsWorkspace) || addedOrDeleted.some((path) => !/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(path)))) this.refreshWorkspace();
    });
    // Registered as plain requests (not onCodeAction): the library reads params.workDoneToken first and a null
    // params became an internal error; here a malformed request is InvalidParams and one after shutdown InvalidRequest.
    // Code actions first let queued edits apply: they answer for the newest text, never lint a version already outdated.
    connection.onRequest(CodeActionRequest.type, (params: CodeActionParams | null) => this.open(async () => {
      if (!isObject(params) || !isObject(params.textDocument) || typeof params.textDocument.uri !== 'string' || !isObject(params.range) || !isObject(params.context)) return invalidParams('codeAction');
      await this.scheduler.quiet();
      return this.guard('codeAction', [], () => {
        const linted = this.current(params.textDocument.uri);
        return linted ? codeActions(linted, params, { lazyFixAll: this.support.resolveEdit, showDocCommand: this.showDocCommand }) : [];
      });
    }));
    connection.onRequest(CodeActionResolveRequest.type, (action: CodeAction | null) => this.open(async () => {
      if (!isObject(action) || typeof action.title !== 'string') return invalidParams('codeAction/resolve');
      await this.scheduler.quiet();
      return this.guard('codeAction/resolve', action, () => this.resolve(action));
    }));
    connection.onRequest(LintWorkspaceRequest, (params, token) => this.open(() => this.lintWorkspace(params?.workDoneToken, token)));
    connection.onRequest(ExposureReportRequest, (params) => this.open(() => exposureReport(params ?? {}, this.folders, this.settings, (message) => this.log(message))));
    connection.onRequest(MapRequest, (params) => this.open(() =>
      exposureMapFor(params, { text: (uri) => this.documents.get(uri)?.getText(), openTexts: () => this.openTexts(), config: (path) => configFor(path, this.folders[0], this.settings).config }).catch((error: unknown) => {
        this.log(`Internal error in exposureLint/map: ${(error as Error)?.stack ?? String(error)}`);
        return { title: '', message: `The map could not be drawn: ${(error as Error)?.message ?? String(error)}` };
      })));
    connection.onShutdown(() => {
      this.shutDown = true;
      this.scheduler.dispose();
      this.newSince.clear();
      this.folderWatcher?.close();
      if (this.relintTimer) clearTimeout(this.relintTimer);
      if (this.workspaceTimer) clearTimeout(this.workspaceTimer);
    });

    documents.onDidOpen((event) => {
      this.states.set(event.document.uri, { openedVersion: event.document.version, published: false });
      this.scheduler.now(event.document.uri);
    });
    documents.onDidChangeContent((event) => {
      const state = this.states.get(event.document.uri);
      if (!state || state.openedVersion === event.document.version) return;
      if (this.settings.run !== 'onType') return;
      this.scheduler.changed(event.document.uri, this.settings.debounceMs);
      // A Terraform module is read together: the other open files of the module may gain or lose findings.
      for (const sibling of this.moduleSiblings(event.document.uri)) this.scheduler.changed(sibling, this.settings.debounceMs);
    });
    documents.onDidSave((event) => {
      if (this.settings.run === 'onSave') this.scheduler.now(event.document.uri);
    });
    documents.onDidClose((event) => {
      const uri = event.document.uri;
      const shown = this.states.get(uri)?.published || this.workspacePublished.has(uri);
      this.scheduler.forget(uri);
      this.newSince.forget(uri);
      this.states.delete(uri);
      // The workspace lint's result for the file (as saved on disk) comes back; the watcher keeps it fresh.
      const kept = this.workspaceResults.get(uri);
      if (kept) {
        this.workspacePublished.add(uri);
        void connection.sendDiagnostics({ uri, diagnostics: kept });
      } else {
        this.workspacePublished.delete(uri);
        if (shown) void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    });
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    this.support = {
      configurationPull: !!caps.workspace?.configuration,
      watchedFilesDynamic: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configurationDynamic: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      resolveEdit: !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit'),
      workspaceFolders: !!caps.workspace?.workspaceFolders,
    };
    const folders = params.workspaceFolders?.map((folder) => uriToPath(folder.uri)) ?? [params.rootUri ? uriToPath(params.rootUri) : params.rootPath ?? undefined];
    this.folders = folders.filter((folder): folder is string => !!folder).map((folder) => resolve(folder));
    const options = params.initializationOptions as { settings?: unknown; showRuleDocCommand?: unknown } | undefined;
    if (options?.settings) this.settings = parseSettings(options.settings, this.problems());
    if (typeof options?.showRuleDocCommand === 'string') this.showDocCommand = options.showRuleDocCommand;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'exposure-lint', version: VERSION },
    };
  }

  private async initialized(): Promise<void> {
    if (this.support.configurationDynamic) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    if (this.support.watchedFilesDynamic) await registerClientWatchers(this.connection).catch((error: Error) => this.log(`Cannot register file watchers: ${error.message}`));
    else {
      this.folderWatcher = new FolderWatcher((path) => this.filesChanged([path]), (message) => this.log(message));
      for (const folder of this.folders) this.folderWatcher.ensure(folder);
    }
    if (this.support.workspaceFolders) this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => uriToPath(folder.uri)));
      this.folders = this.folders.filter((folder) => !removed.has(folder));
      for (const folder of event.added) {
        const path = uriToPath(folder.uri);
        if (path) {
          this.folders.push(resolve(path));
          this.folderWatcher?.ensure(resolve(path));
        }
      }
    });
    // A client that never answers must not keep documents unlinted: after a while the defaults apply.
    if (this.support.configurationPull) await Promise.race([this.pullSettings(), new Promise<void>((resolve) => setTimeout(resolve, SETTINGS_WAIT_MS).unref())]);
    this.ready = true;
    for (const line of describeStartup(VERSION, this.folders, this.settings)) this.log(line);
    this.relintAll();
  }

  private async pullSettings(): Promise<void> {
    try {
      const [raw] = (await this.connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }])) as unknown[];
      this.applySettings(parseSettings(raw, this.problems()));
    } catch (error) {
      this.log(`Cannot read settings from the client: ${(error as Error).message}`);
    }
  }

  private async configurationChanged(pushed: unknown): Promise<void> {
    if (this.support.configurationPull) return this.pullSettings();
    const section = (pushed as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    this.applySettings(parseSettings(section, this.problems()));
  }

  private applySettings(settings: Settings): void {
    if (settings.markNewSince !== this.settings.markNewSince) this.newSince.clear();
    this.settings = settings;
    if (this.ready) this.relintAll();
  }

  /** Config files, assemblies or Terraform modules changed on disk: documents may see other findings now. */
  private filesChanged(paths: string[]): void {
    if (paths.some(isConfigFile)) this.log(`Config changed: ${paths.filter(isConfigFile).join(', ')}`);
    // cdk synth writes many files in a row: re-lint once they settle.
    if (this.relintTimer) clearTimeout(this.relintTimer);
    this.relintTimer = setTimeout(() => {
      this.relintTimer = undefined;
      this.relintAll();
    }, 50);
  }

  private relintAll(): void {
    for (const uri of this.states.keys()) this.scheduler.now(uri);
  }

  /**
   * Lint one document and publish its diagnostics (unless `publish` is false: code actions asking
   * ahead of an on-save lint); whatever goes wrong, the document gets one diagnostic and the server goes on.
   */
  private lint(uri: string, publish = true): void {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document || !state || !this.ready || this.shutDown) return;
    const started = performance.now();
    let diagnostics: Diagnostic[];
    try {
      diagnostics = this.diagnose(uri, document, state);
    } catch (error) {
      this.log(`Internal error on ${uri}: ${(error as Error)?.stack ?? String(error)}`);
      state.linted = undefined;
      diagnostics = [internalErrorDiagnostic((error as Error)?.message ?? String(error))];
    } finally {
      this.scheduler.record(uri, performance.now() - started);
    }
    if (!publish) return;
    // Silent documents that never showed anything send nothing.
    if (!diagnostics.length && !state.published && !this.workspacePublished.has(uri)) return;
    this.workspacePublished.delete(uri);
    this.publish(uri, state, document.version, diagnostics);
  }

  /** Lint a document's current text; remembers the findings for code actions. */
  private diagnose(uri: string, document: TextDocument, state: DocumentState): Diagnostic[] {
    state.linted = undefined;
    const path = uriToPath(uri);
    const file = path ?? uri;
    const text = document.getText();
    // .exposure-lint.yaml itself: its mistakes, where they are.
    if (path && isConfigFile(path)) return this.settings.enable ? configDiagnostics(text) : [];
    const kind = this.settings.enable ? detectKind(path, uri, text) : undefined;
    if (!kind) return [];
    const resolved = configFor(path, this.folders[0], this.settings);
    if (resolved.error) this.reportOnce(resolved.error);
    if (path && isIgnored(path, resolved.config)) return [];
    if (path) this.folderWatcher?.watchDocument(path, kind, resolved.file);
    const analysis = analyze({ file, onDisk: !!path, text, kind, config: resolved.config, openTexts: this.openTexts(uri), previous: state.snapshot });
    state.snapshot = analysis.snapshot;
    if (analysis.error) {
      this.log(`Internal error on ${uri}: ${analysis.error}`);
      return [internalErrorDiagnostic(analysis.error)];
    }
    if (!analysis.isTemplate) return [];
    state.linted = { version: document.version, text, kind, config: resolved.config, findings: analysis.findings };
    const ref = this.settings.markNewSince;
    // New-since marks: templates and Terraform files the user edits (not CDK output, not untitled documents).
    if (ref && path && (kind.kind === 'terraform' || (kind.kind === 'cloudformation' && !kind.assembly))) {
      this.newSince.schedule({ uri, path, findings: analysis.findings, text, config: resolved.config, ref });
    }
    return this.render(uri, file, state.linted);
  }

  /** Diagnostics for a lint result, with the marks of findings known to be new since the configured revision. */
  private render(uri: string, file: string, linted: NonNullable<DocumentState['linted']>): Diagnostic[] {
    const lines = new LineTables(new Map([...this.openTexts(uri), [file, linted.text]]));
    const ref = this.settings.markNewSince;
    const marked = ref ? this.newSince.marked(uri) : new Set<string>();
    return linted.findings.map((finding) => toDiagnostic(finding, { uri, file }, lines, { newSince: marked.has(fingerprint(finding)) ? ref : undefined }));
  }

  /** The new-since marks changed (git answered): show them on the current lint without linting again. */
  private republish(uri: string): void {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document || !state?.linted || state.linted.version !== document.version || !this.settings.enable) return;
    if (this.settings.run === 'onSave' && !state.published) return;
    this.publish(uri, state, document.version, this.render(uri, uriToPath(uri) ?? uri, state.linted));
  }

  /** Send a document's diagnostics, unless newer ones are already showing. */
  private publish(uri: string, state: DocumentState, version: number, diagnostics: Diagnostic[]): void {
    if (state.publishedVersion !== undefined && version < state.publishedVersion) return;
    state.publishedVersion = version;
    state.published = diagnostics.length > 0;
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** The document's lint for its current text (linted now if typing got ahead of the debounce), for code actions. */
  private current(uri: string): LintedDocument | undefined {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document || !state) return undefined;
    if (state.linted?.version !== document.version) {
      // Typing got ahead of the debounce: lint now (and show it, unless diagnostics wait for save).
      const onType = this.settings.run === 'onType';
      if (onType) this.scheduler.cancel(uri);
      this.lint(uri, onType);
    }
    const linted = state.linted;
    if (!linted) return undefined;
    const path = uriToPath(uri);
    const file = path ?? uri;
    const doc: DocumentRef = { uri, file };
    const openTexts = new Map([...this.openTexts(uri), [file, linted.text]]);
    return {
      doc,
      version: linted.version,
      text: linted.text,
      kind: linted.kind,
      findings: linted.findings,
      lines: new LineTables(openTexts),
      relint: (text) => relint({ file, onDisk: !!path, text, kind: linted.kind, config: linted.config, openTexts }),
      uriForFile: (other) => this.uriOfOpenFile(other),
    };
  }

  private resolve(action: CodeAction): CodeAction {
    const data = action.data as FixAllData | undefined;
    if (!data?.fixAll) return action;
    const linted = this.current(data.uri);
    if (!linted) return action;
    return { ...action, edit: fixAllEdit(linted), data: undefined };
  }

  private lintWorkspace(workDoneToken: string | number | undefined, token: import('vscode-languageserver').CancellationToken) {
    // One run at a time: a refresh from the watcher and the command never interleave their publishing.
    const run = this.workspaceRun.then(() => this.runWorkspaceLint(workDoneToken, token));
    this.workspaceRun = run.catch(() => undefined);
    return run;
  }

  /** Files changed on disk after a workspace lint: lint it again once they settle (git pull, cdk synth write many). */
  private refreshWorkspace(): void {
    if (this.workspaceTimer) clearTimeout(this.workspaceTimer);
    this.workspaceTimer = setTimeout(() => {
      this.workspaceTimer = undefined;
      void this.lintWorkspace(undefined, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) }).catch((error: Error) => this.log(`Lint workspace (refresh) failed: ${error.message}`));
    }, 300);
  }

  private async runWorkspaceLint(workDoneToken: string | number | undefined, token: import('vscode-languageserver').CancellationToken) {
    const progress = this.connection.window.attachWorkDoneProgress(workDoneToken);
    const openPaths = new Set<string>();
    for (const document of this.documents.all()) {
      const path = uriToPath(document.uri);
      if (path) openPaths.add(resolve(path));
    }
    const previous = this.workspacePublished;
    const { result, published, all } = await lintWorkspace(
      {
        folders: this.folders,
        settings: this.settings,
        openTexts: this.openTexts(),
        isOpen: (path) => openPaths.has(resolve(path)),
        publish: (uri, diagnostics) => void this.connection.sendDiagnostics({ uri, diagnostics }),
        log: (message) => this.log(message),
      },
      token,
      progress,
    );
    // Files that had findings last time and have none now: clear them.
    for (const uri of previous) if (!published.has(uri) && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.workspacePublished = published;
    if (!result.cancelled) {
      this.workspaceResults = all;
      this.workspaceLinted = true;
    }
    this.log(`Lint workspace: ${result.targets} targets, ${result.findings} findings in ${result.files} files${result.cancelled ? ' (cancelled)' : ''}`);
    return result;
  }

  /** Texts of open file documents by path (except `exceptUri`). */
  private openTexts(exceptUri?: string): Map<string, string> {
    const texts = new Map<string, string>();
    for (const document of this.documents.all()) {
      if (document.uri === exceptUri) continue;
      const path = uriToPath(document.uri);
      if (path) texts.set(path, document.getText());
    }
    return texts;
  }

  /** Other open Terraform documents (*.tf, *.tf.json, variable files) in the same folder as `uri` (one module). */
  private moduleSiblings(uri: string): string[] {
    const path = uriToPath(uri);
    if (!path || !/\.(tf|tfvars)(\.json)?$/i.test(path)) return [];
    const dir = dirname(path);
    return this.documents.all().map((document) => document.uri).filter((other) => {
      const otherPath = uriToPath(other);
      return other !== uri && !!otherPath && /\.(tf|tfvars)(\.json)?$/i.test(otherPath) && dirname(otherPath) === dir;
    });
  }

  private uriOfOpenFile(file: string): string | undefined {
    for (const document of this.documents.all()) if (uriToPath(document.uri) === file) return document.uri;
    return undefined;
  }

  /** Runs a request's handler, unless the server was shut down. */
  private open<T>(run: () => T): T | ResponseError<void> {
    if (this.shutDown) return new ResponseError(ErrorCodes.InvalidRequest, 'exposure-lint: the server is shut down');
    return run();
  }

  private guard<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.log(`Internal error in ${what}: ${(error as Error)?.stack ?? String(error)}`);
      return fallback;
    }
  }

  private problems(): string[] {
    const problems: string[] = [];
    queueMicrotask(() => problems.forEach((problem) => this.reportOnce(problem)));
    return problems;
  }

  /** A problem the user should fix (a bad config file or setting): shown once, logged always. */
  private reportOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.log(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `exposure-lint: ${message}` });
  }

  /** One line in the client's log; the client stamps the time (VS Code's log channel, Neovim's lsp.log). */
  private log(message: string): void {
    this.connection.console.info(message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A request whose parameters are not what the LSP says: InvalidParams, no stack in the log. */
function invalidParams(method: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `exposure-lint: ${method} needs its parameters (got none or the wrong shape)`);
}
