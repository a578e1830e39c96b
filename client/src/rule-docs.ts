// Rule pages shipped in the .vsix (rules/<id>/<id>.md): the "Show documentation" command and the diagnostics' docs links point there, so they work offline.
import { existsSync, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { canPreviewMarkdown } from './exposure-report';

/** What the command returns (for tests): the page it opened and how, or why not. */
export interface ShowRuleDocResult {
  uri?: string;
  shownIn?: 'preview' | 'editor';
  error?: string;
}

export class RuleDocs {
  /** Looked up once per rule: diagnostics arrive on every keystroke, the file system is asked once. */
  private readonly pages = new Map<string, vscode.Uri | undefined>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The shipped page of a rule, when there is one. */
  page(ruleId: string): vscode.Uri | undefined {
    if (this.pages.has(ruleId)) return this.pages.get(ruleId);
    const uri = /^[a-z0-9-]+$/.test(ruleId) ? vscode.Uri.joinPath(this.extensionUri, 'rules', ruleId, `${ruleId}.md`) : undefined;
    const page = uri && existsSync(uri.fsPath) ? uri : undefined;
    if (this.pages.size < 100) this.pages.set(ruleId, page);
    return page;
  }

  ruleIds(): string[] {
    try {
      return readdirSync(vscode.Uri.joinPath(this.extensionUri, 'rules').fsPath).filter((id) => this.page(id)).sort();
    } catch {
      return [];
    }
  }

  /** Diagnostics from the server link to the rule's page in the repository: link the shipped copy instead. */
  localizeLinks(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code;
      if (diagnostic.source !== 'exposure-lint' || !code || typeof code !== 'object') continue;
      const page = this.page(String(code.value));
      if (page) diagnostic.code = { value: code.value, target: page };
    }
    return diagnostics;
  }

  /** The command: the page in the Markdown preview (else as text); without a rule ID, pick one. */
  async show(ruleId?: unknown): Promise<ShowRuleDocResult> {
    let id = typeof ruleId === 'string' ? ruleId : undefined;
    if (!id) id = await vscode.window.showQuickPick(this.ruleIds(), { placeHolder: 'Show the documentation of which exposure-lint rule?' });
    if (!id) return { error: 'no rule chosen' };
    const page = this.page(id);
    if (!page) {
      const error = `exposure-lint has no rule "${id}"`;
      void vscode.window.showWarningMessage(error);
      return { error };
    }
    if (await canPreviewMarkdown()) {
      try {
        await vscode.commands.executeCommand('markdown.showPreview', page);
        return { uri: page.toString(), shownIn: 'preview' };
      } catch {
        // Fall through to the text: the page must open either way.
      }
    }
    await vscode.window.showTextDocument(page, { preview: true });
    return { uri: page.toString(), shownIn: 'editor' };
  }
}
