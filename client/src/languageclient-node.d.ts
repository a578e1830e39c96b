// Types for 'vscode-languageclient/node' under the project's moduleResolution "node", which ignores package "exports"; esbuild resolves the real path.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
