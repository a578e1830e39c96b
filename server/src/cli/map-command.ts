// `exposure-lint map <files or folders> [--format svg|html|mermaid|dot] [-o FILE]`: the exposure map as a picture or text.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigFile, parseSetting } from '../engine/config';
import { RuleSetting } from '../engine/types';
import { buildExposureMap, findingKey } from '../map/build';
import { pathParts } from '../map/load';
import { formatForFile, MAP_FORMATS, MapFormat, renderMap } from '../map/render';
import { UsageError } from './args';
import { CliIo, EXIT } from './io';
import { knownRuleIds } from './rule-docs';

export const MAP_HELP = `Usage: exposure-lint map [options] <files or folders...>

Draws the network of the templates (CloudFormation, Terraform *.tf.json, CDK cdk.out): the internet,
internet gateways, VPCs, public and private subnets, load balancers, NAT gateways, backends and
data stores, the flows between them (with ports), and every exposure path in red with its rule.

Options:
  -f, --format svg|html|mermaid|dot   Output format (default: from -o's extension, else svg)
  -o, --output-file PATH              Write to PATH instead of stdout (.md: a fenced Mermaid block)
  -c, --config PATH                   Use this config file instead of the nearest .exposure-lint.yaml
      --rule ID=SEVERITY              error|warning|info|off for one rule (repeatable)
  -h, --help                          Show this help

Exit status: 0 the map was written, 2 usage or internal error.
`;

interface MapOptions {
  paths: string[];
  format?: MapFormat;
  outputFile?: string;
  config?: string;
  rules: Record<string, RuleSetting>;
  help: boolean;
}

export function parseMapArgs(argv: string[]): MapOptions {
  const options: MapOptions = { paths: [], rules: {}, help: false };
  const valued = new Set(['--format', '-f', '--output-file', '-o', '--config', '-c', '--rule']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (valued.has(flag)) {
      value = flag !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
    }
    switch (flag) {
      case '--format':
      case '-f':
        if (!MAP_FORMATS.includes(value as MapFormat)) throw new UsageError(`map --format must be one of ${MAP_FORMATS.join(', ')} (got "${value}")`);
        options.format = value as MapFormat;
        break;
      case '--output-file':
      case '-o':
        options.outputFile = value;
        break;
      case '--config':
      case '-c':
        options.config = value;
        break;
      case '--rule':
        for (const part of value!.split(',').filter(Boolean)) {
          const match = /^\s*([\w-]+)\s*[=:]\s*(\w+)\s*$/.exec(part);
          if (!match) throw new UsageError(`--rule expects id=error|warning|info|off (got "${part}")`);
          options.rules[match[1]] = parseSetting(match[2], `--rule ${match[1]}`);
        }
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag} for map (see map --help)`);
    }
  }
  return options;
}

export async function runMapCommand(argv: string[], io: CliIo): Promise<number> {
  const options = parseMapArgs(argv);
  if (options.help) {
    io.stdout(MAP_HELP);
    return EXIT.clean;
  }
  if (!options.paths.length) throw new UsageError('map needs files or folders to draw (try: exposure-lint map . -o map.svg)');
  const known = knownRuleIds();
  for (const id of Object.keys(options.rules)) if (!known.has(id)) throw new UsageError(`Unknown rule "${id}" in --rule (see --list-rules)`);
  const config = options.config ? loadConfigFile(resolve(io.cwd, options.config)) : undefined;
  // Paths stay as written when relative to the process's own cwd, so messages name them as the user did.
  const paths = options.paths.map((path) => (io.cwd === process.cwd() ? path : resolve(io.cwd, path)));
  const parts = pathParts(paths, { config, overrides: { rules: options.rules }, cwd: io.cwd });
  const format = options.format ?? (options.outputFile ? formatForFile(options.outputFile) : undefined) ?? 'svg';
  const output = await renderMap(buildExposureMap(parts), format, { title: `Exposure map: ${options.paths.join(', ')}`, markdown: format === 'mermaid' && /\.md$/i.test(options.outputFile ?? '') });
  if (options.outputFile) writeFileSync(resolve(io.cwd, options.outputFile), output);
  else io.stdout(output);
  if (!parts.length) io.stderr('exposure-lint: no template, Terraform module or cloud assembly found to draw\n');
  return EXIT.clean;
}

/** diff --map FILE: the new version's map with the introduced exposures in red (older ones muted). */
export async function writeDiffMap(newPaths: string[], introduced: { ruleId: string; resource: string }[], file: string, io: CliIo, config?: Parameters<typeof pathParts>[1]): Promise<void> {
  const parts = pathParts(newPaths, { ...config, cwd: io.cwd });
  const map = buildExposureMap(parts, { introduced: new Set(introduced.map(findingKey)) });
  const format = formatForFile(file) ?? 'svg';
  writeFileSync(resolve(io.cwd, file), await renderMap(map, format, { title: 'Exposures introduced (red)', markdown: /\.md$/i.test(file) }));
}
