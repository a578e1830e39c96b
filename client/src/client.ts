// Builds the LanguageClient: dist/server.js over Node IPC, the documents and files the server watches.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { COMMAND_SHOW_RULE_DOC, SETTINGS_SECTION } from './constants';
import { RuleDocs } from './rule-docs';

// The server decides what is a template (by content), so the client offers every candidate language:
// YAML/JSON for CloudFormation, Terraform JSON and cdk.out, Terraform (HCL) and its variable files,
// TypeScript/JavaScript for CDK app sources.
const LANGUAGES = ['yaml', 'json', 'jsonc', 'typescript', 'javascript', 'terraform', 'terraform-vars', 'hcl'];
/** .tf and .tfvars files also when no Terraform extension gives them a language. */
const TERRAFORM_FILES = '**/*.{tf,tfvars}';

/** The bundled server the client starts. */
export function serverModule(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath('dist/server.js');
}

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, docs: RuleDocs): LanguageClient {
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...LANGUAGES.map((language) => ({ scheme: 'file', language })), { scheme: 'file', pattern: TERRAFORM_FILES }],
    outputChannel: output,
    // The server offers "Show documentation for <rule>" when the client can run this command.
    initializationOptions: { showRuleDocCommand: COMMAND_SHOW_RULE_DOC },
    // Docs links open the rule page shipped in the extension (offline too) rather than the repository's.
    middleware: { handleDiagnostics: (uri, diagnostics, next) => next(uri, docs.localizeLinks(diagnostics)) },
    synchronize: {
      // Pushes didChangeConfiguration when exposureLint.* changes; the server then pulls the section.
      configurationSection: SETTINGS_SECTION,
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.exposure-lint.{yaml,yml,json}'),
        vscode.workspace.createFileSystemWatcher('**/*.{tf,tf.json,tfvars,tfvars.json}'),
        vscode.workspace.createFileSystemWatcher('**/cdk.out/**/*.json'),
      ],
    },
  };
  return new LanguageClient(SETTINGS_SECTION, 'exposure-lint', serverOptions, clientOptions);
}
