// Parses the lint command's argv into options; every mistake becomes a UsageError with a message.
import { parseSetting } from '../engine/config';
import { RuleSetting } from '../engine/types';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  /** -1: no limit. */
  maxWarnings: number;
  config?: string;
  rules: Record<string, RuleSetting>;
  color: boolean | undefined;
  quiet: boolean;
  help: boolean;
  version: boolean;
  listRules: boolean;
  outputFile?: string;
  /** `--since REF`: report only what changed since a git revision (see diff-command.ts). */
  since?: string;
  /** `--possible show|hide`: whether findings whose path leaves the file are reported (default: config, else show). */
  possible?: boolean;
  /** diff / --since: also write the new version's map with the introduced exposures in red (see map-command.ts). */
  map?: string;
}

export class UsageError extends Error {}

const FORMATS: OutputFormat[] = ['text', 'json', 'sarif'];

/** Flags that take a value (`--flag value` or `--flag=value`). */
const VALUED = new Set(['--format', '-f', '--max-warnings', '--config', '-c', '--rule', '--output-file', '-o', '--since', '--possible', '--map']);

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { paths: [], format: 'text', fix: false, maxWarnings: -1, rules: {}, color: undefined, quiet: false, help: false, version: false, listRules: false };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (VALUED.has(flag)) {
      if (flag !== arg) value = arg.slice(eq + 1);
      else {
        value = argv[++i];
        if (value === undefined) throw new UsageError(`${flag} needs a value`);
      }
    } else if (flag !== arg) throw new UsageError(`${flag} takes no value`);
    switch (flag) {
      case '--format':
      case '-f':
        if (!FORMATS.includes(value as OutputFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${value}")`);
        options.format = value as OutputFormat;
        break;
      case '--max-warnings':
        if (!/^-?\d+$/.test(value!)) throw new UsageError(`--max-warnings needs a whole number (got "${value}")`);
        options.maxWarnings = Number(value);
        break;
      case '--config':
      case '-c':
        options.config = value;
        break;
      case '--rule':
        parseRuleFlag(value!, options.rules);
        break;
      case '--output-file':
      case '-o':
        options.outputFile = value;
        break;
      case '--since':
        options.since = value;
        break;
      case '--possible':
        if (value !== 'show' && value !== 'hide') throw new UsageError(`--possible must be show or hide (got "${value}")`);
        options.possible = value === 'show';
        break;
      case '--map':
        options.map = value;
        break;
      case '--fix':
        options.fix = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      case '--color':
        options.color = true;
        break;
      case '--quiet':
      case '-q':
        options.quiet = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--version':
      case '-v':
        options.version = true;
        break;
      case '--list-rules':
        options.listRules = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag} (see --help)`);
    }
  }
  return options;
}

/** `--rule id=severity` or `--rule id:severity`; several rules may share one flag, comma-separated. */
function parseRuleFlag(value: string, into: Record<string, RuleSetting>): void {
  for (const part of value.split(',').filter(Boolean)) {
    const match = /^\s*([\w-]+)\s*[=:]\s*(\w+)\s*$/.exec(part);
    if (!match) throw new UsageError(`--rule expects id=error|warning|info|off (got "${part}")`);
    try {
      into[match[1]] = parseSetting(match[2], `--rule ${match[1]}`);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
}

export const HELP = `Usage: exposure-lint [options] <files or folders...>
       exposure-lint diff [options] <old> <new>
       exposure-lint --since <git-ref> [options] [files or folders...]
       exposure-lint map [--format svg|html|mermaid|dot] [-o FILE] <files or folders...>

Finds where AWS templates (CloudFormation YAML/JSON, Terraform *.tf.json, CDK cdk.out) expose a
backend to the internet instead of routing through NAT and an ALB.

Folders are searched for CloudFormation templates (.yaml .yml .json .template, recognised by
content), Terraform JSON modules (*.tf.json per folder) and CDK cloud assemblies (manifest.json).

Options:
  -f, --format text|json|sarif   Output format (default: text)
  -o, --output-file PATH         Write the report to PATH instead of stdout
      --fix                      Apply the preferred fixes and write the files
      --max-warnings N           Exit 1 when there are more than N warnings
  -c, --config PATH              Use this config file instead of the nearest .exposure-lint.yaml
      --rule ID=SEVERITY         error|warning|info|off for one rule (repeatable)
      --no-color                 Plain text output (also: NO_COLOR=1)
  -q, --quiet                    Report errors only
      --possible show|hide       Report possible findings, whose path leaves the file (an imported
                                 subnet, a group from another stack), one severity lower (default: show)
      --list-rules               List the rules and their default severities
      --since REF                Compare with the same paths at git revision REF: exposures
                                 introduced, resolved and unchanged (see docs/diff.md)
      --map FILE                 With diff or --since: also write the new version's exposure map
                                 (.svg .html .md .mmd .dot) with introduced exposures in red
  -h, --help                     Show this help
  -v, --version                  Show the version

Exit status: 0 no errors, 1 errors found or too many warnings, 2 usage or internal error,
an invalid config file, or no template found in the given paths.
diff and --since exit 1 only when the change introduces an error-level exposure.
`;
