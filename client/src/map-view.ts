// "exposure-lint: Show exposure map": a webview beside the template that shows the server's map (exposureLint/map),
// follows edits (debounced) and the theme, and opens a node's source line on click or Enter. Offline, strict CSP.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { webviewHtml } from './map-html';
import { COMMAND_SHOW_MAP, REQUEST_MAP } from './constants';

/** What the server answers (MapResult in server/src/lsp/map-request.ts). */
interface MapResult {
  title: string;
  svg?: string;
  outline?: string;
  summary?: string;
  message?: string;
  ms?: number;
}

/** Quiet time after an edit before the map is drawn again. */
const REFRESH_DEBOUNCE_MS = 400;

export function registerMapView(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, log: () => vscode.LogOutputChannel): void {
  const view = new MapView(client, log);
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(COMMAND_SHOW_MAP, (resource?: unknown) => view.show(resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri)),
  );
}

class MapView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: vscode.Uri | undefined;
  private sourceColumn: vscode.ViewColumn = vscode.ViewColumn.One;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private ready = false;
  private last: MapResult | undefined;
  private readonly listeners: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly log: () => vscode.LogOutputChannel,
  ) {
    this.listeners.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.follows(event.document.uri)) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.follows(document.uri)) this.schedule();
      }),
    );
    // A CDK app's map comes from cdk.out: a new synth redraws it.
    const synth = vscode.workspace.createFileSystemWatcher('**/cdk.out/**/*.json');
    this.listeners.push(synth, synth.onDidChange(() => this.schedule()), synth.onDidCreate(() => this.schedule()));
  }

  async show(uri: vscode.Uri | undefined): Promise<void> {
    if (!uri) {
      void vscode.window.showInformationMessage('exposure-lint: open a template, Terraform JSON file or CDK app file to see its exposure map.');
      return;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (!editor) await vscode.window.showTextDocument(uri, { preview: false });
    this.sourceColumn = (editor ?? vscode.window.activeTextEditor)?.viewColumn ?? vscode.ViewColumn.One;
    this.target = uri;
    if (!this.panel) this.createPanel();
    else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.panel!.title = `Exposure map: ${uri.path.split('/').pop()}`;
    await this.refresh();
  }

  private createPanel(): void {
    const panel = vscode.window.createWebviewPanel('exposureLint.map', 'Exposure map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // Nothing is loaded from disk or the network: the map and its styles arrive inline.
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.ready = false;
    panel.webview.html = webviewHtml(nonce());
    panel.webview.onDidReceiveMessage((message: { type?: string; file?: string; line?: number; character?: number }) => {
      // The page (re)loads when shown again after being hidden: it says 'ready' and gets the latest map.
      if (message.type === 'ready') {
        this.ready = true;
        if (this.last) void panel.webview.postMessage({ type: 'map', ...this.last });
      } else if (message.type === 'open' && typeof message.file === 'string' && typeof message.line === 'number') void this.open(message.file, message.line, message.character ?? 0);
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
        this.target = undefined;
        this.last = undefined;
      }
    });
    this.panel = panel;
  }

  /** The target itself, or a file of the same folder (a Terraform module is read together, CDK sources share an app). */
  private follows(uri: vscode.Uri): boolean {
    if (!this.panel || !this.target || uri.scheme !== this.target.scheme) return false;
    if (uri.toString() === this.target.toString()) return true;
    const dir = (u: vscode.Uri) => u.path.slice(0, u.path.lastIndexOf('/'));
    return /\.tf\.json$/i.test(uri.path) && dir(uri) === dir(this.target);
  }

  private schedule(): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    const target = this.target;
    if (!panel || !target) return;
    const generation = ++this.generation;
    const client = this.client();
    let result: MapResult;
    if (!client || !client.isRunning()) result = { title: target.path.split('/').pop() ?? '', message: 'exposure-lint is not running (see the exposureLint.enable setting and the output).' };
    else {
      try {
        result = await client.sendRequest<MapResult>(REQUEST_MAP, { uri: target.toString() });
      } catch (error) {
        this.log().error(`exposure map failed: ${String(error)}`);
        result = { title: target.path.split('/').pop() ?? '', message: 'The map could not be drawn (see the output).' };
      }
    }
    // An older answer arriving after a newer request is dropped.
    if (generation !== this.generation || panel !== this.panel) return;
    this.last = result;
    if (result.ms !== undefined) this.log().debug(`exposure map of ${target.fsPath}: ${result.ms} ms`);
    if (this.ready) void panel.webview.postMessage({ type: 'map', ...result });
  }

  private async open(file: string, line: number, character: number): Promise<void> {
    const position = new vscode.Position(Math.max(0, line), Math.max(0, character));
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri, { viewColumn: this.sourceColumn, selection: new vscode.Range(position, position), preserveFocus: false, preview: false });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const listener of this.listeners) listener.dispose();
    this.panel?.dispose();
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}
