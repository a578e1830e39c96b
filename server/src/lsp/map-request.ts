// `exposureLint/map`: the exposure map of an open template, Terraform module or CDK app, laid out and drawn by the
// server, so the editor's webview only shows it (SVG + text outline) and turns clicks into "open this line".
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RequestType } from 'vscode-languageserver';
import { Config } from '../engine/types';
import { buildExposureMap, MapPart } from '../map/build';
import { cloudAssemblyParts, cloudFormationParts, terraformParts } from '../map/load';
import { layoutMap } from '../map/layout';
import { renderOutline } from '../map/outline';
import { renderSvg, summary } from '../map/render-svg';
import { detectKind } from './detect';
import { uriToPath } from './uris';

export interface MapParams {
  /** The document the map is for (a template, a *.tf.json file of a module, a CDK app source file). */
  uri: string;
}

export interface MapResult {
  /** Shown above the map: the template, module or app. */
  title: string;
  /** The SVG (no <style>: the webview's stylesheet follows the VS Code theme). */
  svg?: string;
  /** The text outline (HTML lists with buttons that carry data-file / data-line). */
  outline?: string;
  /** One sentence: resources and exposure paths (the status line, and for screen readers). */
  summary?: string;
  /** Why there is no map (not a template, cdk.out missing, ...). */
  message?: string;
  /** Milliseconds the server spent (model, layout, drawing). */
  ms?: number;
}

/** Nodes the editor lays out at most (about 4,000 resources; 2,000 resources are about 475 nodes, 2 s). */
export const MAX_DRAWN_NODES = 1000;

export const MapRequest = new RequestType<MapParams, MapResult, void>('exposureLint/map');

export interface MapContext {
  /** The open document's text, when it is open. */
  text(uri: string): string | undefined;
  /** Texts of open documents by path (newer than the disk). */
  openTexts(): Map<string, string>;
  config(path: string | undefined): Config;
}

export async function exposureMapFor(params: MapParams, ctx: MapContext): Promise<MapResult> {
  const started = Date.now();
  const path = uriToPath(params.uri);
  const text = ctx.text(params.uri);
  const title = basename(path ?? params.uri);
  if (text === undefined) return { title, message: 'Open the template to see its map.' };
  const kind = detectKind(path, params.uri, text);
  if (!kind) return { title, message: `${title} is not a CloudFormation template, Terraform JSON file or CDK app file with a synthesized cdk.out.` };
  const config = ctx.config(path);
  let parts: MapPart[];
  let heading = title;
  if (kind.kind === 'terraform' && path) {
    const dir = dirname(path);
    const open = ctx.openTexts();
    const files = safeList(dir).filter((name) => /\.tf\.json$/i.test(name)).map((name) => join(dir, name));
    if (!files.includes(path)) files.push(path);
    parts = terraformParts(files.sort().map((file) => ({ path: file, text: file === path ? text : open.get(file) ?? readText(file) })), config);
    heading = `${basename(dir)} (Terraform module)`;
  } else if (kind.kind === 'cdk-source') {
    parts = cloudAssemblyParts(kind.assembly, config);
    heading = `${title} (CDK app, ${basename(kind.assembly)})`;
  } else parts = cloudFormationParts(path ?? params.uri, text, config, title);
  if (!parts.length) return { title: heading, message: `${title} could not be read as a template (see the Problems panel).` };
  const map = buildExposureMap(parts);
  // The layout runs on the server's thread: past this size it would hold up linting for seconds. The outline still lists everything.
  if (map.nodes.length > MAX_DRAWN_NODES) {
    return { title: heading, outline: renderOutline(map, { interactive: true }), message: `${map.nodes.length - 1} resources are too many to draw here (the limit is ${MAX_DRAWN_NODES}); the outline lists them. For the picture: npx exposure-lint map ${basename(path ?? title)} -o map.svg`, ms: Date.now() - started };
  }
  const laid = await layoutMap(map);
  return { title: heading, svg: renderSvg(laid, { title: `Exposure map of ${heading}` }), outline: renderOutline(laid.map, { interactive: true }), summary: summary(laid), ms: Date.now() - started };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
