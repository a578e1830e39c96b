// Module calls: local child modules are read (through a loader the caller confines) with the caller's
// arguments as inputs; a few well-known registry modules become the resources their inputs describe.
import { SourceFile } from '../../source/tree';
import { TfModule, assignVariables, readModule } from './module';
import { Resolver } from './resolve';
import { synthesizeRegistryModule } from './registry';

/** Reads the files of a local module source (`./modules/net`) relative to the calling file; undefined when it cannot or must not. */
export type ModuleLoader = (callerFile: string, source: string) => SourceFile[] | undefined;

/** One module instance of the run: its resources are addressed with `module.prefix`. */
export interface TfInstance {
  module: TfModule;
  resolver: Resolver;
}

const MAX_DEPTH = 8;

/** The root module and every child reachable from it, depth first. */
export function instantiate(files: SourceFile[], varFiles: { path: string; text: string; root?: import('../../source/tree').Node }[], loader: ModuleLoader | undefined): TfInstance[] {
  const root = readModule(files);
  assignVariables(root, varFiles);
  const addressTypes = root.addressTypes;
  const created = new Map<string, boolean>();
  const instances: TfInstance[] = [];
  const visit = (module: TfModule, resolver: Resolver, depth: number, chain: string[]) => {
    instances.push({ module, resolver });
    for (const call of module.calls.values()) {
      if (resolver.isModuleNeverCreated(call.body)) continue;
      const prefix = `${module.prefix}module.${call.name}.`;
      const source = call.source;
      if (source === undefined) continue;
      if (/^\.\.?([\\/]|$)/.test(source)) {
        if (!loader || depth >= MAX_DEPTH) continue;
        const childFiles = loader(call.file.path, source);
        if (!childFiles?.length) continue;
        // A module that (indirectly) calls itself is read once.
        const key = childFiles.map((f) => f.path).join('\0');
        if (chain.includes(key)) continue;
        const child = readModule(childFiles);
        child.prefix = prefix;
        child.addressTypes = addressTypes;
        child.inputs = { body: call.body, resolver };
        const childResolver = new Resolver(child, undefined, new Map());
        module.children.set(call.name, { resolver: childResolver });
        visit(child, childResolver, depth + 1, [...chain, key]);
      } else {
        const outputs = synthesizeRegistryModule(module, call);
        if (outputs) module.children.set(call.name, { outputs });
      }
    }
  };
  visit(root, new Resolver(root, undefined, created), 0, [files.map((f) => f.path).join('\0')]);
  for (const { module } of instances) for (const [id, tf] of module.resources) addressTypes.set(module.prefix + id, tf.type);
  return instances;
}
