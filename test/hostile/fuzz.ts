// Seeded, reproducible mutation fuzzing: corpus templates (read in place from ../shared/corpus) and the project's
// own fixtures, mutated towards what breaks parsers and resolvers (duplicate keys, aliases, huge references,
// deep nesting, hostile keys, truncation). The same seed gives the same inputs on every machine.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './bounded';

export const SEED = Number(process.env.EXPOSURE_LINT_FUZZ_SEED ?? 20261206);
/** Inputs per CI run through the engine; the CLI and the server each take a slice of them. */
export const COUNT = Number(process.env.EXPOSURE_LINT_FUZZ_COUNT ?? 400);
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');
/** Failures from the project's own fixtures are saved here and re-run by every later run. */
export const CASES = join(ROOT, 'test', 'hostile', 'fuzz-cases');

export interface Seed {
  path: string;
  /** Under the project (its own fixture): a failing mutant may be committed as a regression case. */
  own: boolean;
  text: string;
}

export interface Mutant {
  index: number;
  source: Seed;
  /** The file name the mutant is linted as (keeps the source's extension). */
  name: string;
  text: string;
  steps: string[];
}

/** mulberry32: a tiny, well-mixed PRNG; deterministic for a seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATE = /\.(ya?ml|json|template)$/i;

function collect(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) collect(full, out);
    else if (stat?.isFile() && TEMPLATE.test(name) && stat.size < 512 * 1024) out.push(full);
  }
}

/** The seeds: the corpus when present (read in place), the project's fixtures and examples always. */
export function seeds(): Seed[] {
  const paths: string[] = [];
  if (existsSync(CORPUS)) collect(CORPUS, paths);
  for (const dir of ['examples', 'test/fixtures', 'rules', 'test/cli/fixtures']) collect(join(ROOT, dir), paths);
  return paths.map((path) => ({ path, own: !relative(ROOT, path).startsWith('..'), text: readFileSync(path, 'utf8') }));
}

const SNIPPETS = [
  '<<: *nope\n',
  'A: &a [*a]\n',
  'B: &b [1, 2]\nC: [*b, *b, *b, *b]\n',
  `Ref: ${'x.'.repeat(3000)}y\n`,
  '"__proto__": {"Type": "__proto__"},\n',
  '__proto__: { constructor: toString }\n',
  `${'['.repeat(300)}${']'.repeat(300)}\n`,
  `${'{"a":'.repeat(300)}1${'}'.repeat(300)}\n`,
  `#${' '.repeat(5000)}exposure-lint-disable-next-line${' '.repeat(5000)}\r\n`,
  'Type: 42\n',
  'Properties: null\n',
  'Resources: []\n',
  'SecurityGroupIngress: {CidrIp: 0.0.0.0/0, FromPort: 22, ToPort: 22, IpProtocol: tcp}\n',
  '"${aws_vpc.main' + '[*]'.repeat(2000) + '.id}"\n',
  '!!binary AAAA\n',
  '--- \n',
  '\u0000',
  '\uFEFF',
  '\t\t:\n',
  '"": ""\n',
  '? [a, b]\n: c\n',
  '!Sub "${AWS::Region}${Foo.Bar}"\n',
];

const CHARS = [':', '-', '{', '}', '[', ']', '"', "'", '&', '*', '!', '#', '\t', '\n', ' ', '|', '>', '$', '%', '@', '`', ',', '\\', '\uFFFD'];

/** Mutant `index` of the run: 1-4 mutations of one seed, chosen by the PRNG seeded with (SEED, index). */
export function mutant(all: Seed[], index: number, seed = SEED): Mutant {
  const rnd = random(seed * 1_000_003 + index);
  const int = (n: number) => Math.floor(rnd() * n);
  const source = all[int(all.length)];
  let text = source.text;
  const steps: string[] = [];
  const mutations = 1 + int(4);
  for (let m = 0; m < mutations; m++) {
    const at = int(text.length + 1);
    const lines = text.split('\n');
    switch (int(7)) {
      case 0: {
        const ch = CHARS[int(CHARS.length)];
        text = text.slice(0, at) + ch + text.slice(at + 1);
        steps.push(`replace char at ${at} with ${JSON.stringify(ch)}`);
        break;
      }
      case 1: {
        const length = 1 + int(200);
        text = text.slice(0, at) + text.slice(at + length);
        steps.push(`delete ${length} at ${at}`);
        break;
      }
      case 2: {
        const line = int(lines.length);
        lines.splice(line, 0, lines[line]);
        text = lines.join('\n');
        steps.push(`duplicate line ${line}`);
        break;
      }
      case 3: {
        const line = int(lines.length);
        const snippet = SNIPPETS[int(SNIPPETS.length)];
        const indent = /^\s*/.exec(lines[line])?.[0] ?? '';
        lines.splice(line, 0, indent + snippet.replace(/\n$/, ''));
        text = lines.join('\n');
        steps.push(`insert snippet ${SNIPPETS.indexOf(snippet)} at line ${line}`);
        break;
      }
      case 4: {
        const a = int(lines.length);
        const b = int(lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        text = lines.join('\n');
        steps.push(`swap lines ${a} and ${b}`);
        break;
      }
      case 5: {
        text = text.slice(0, at);
        steps.push(`truncate at ${at}`);
        break;
      }
      default: {
        // Repeat a block: duplicate keys and resources at every level.
        const from = int(lines.length);
        const count = 1 + int(20);
        lines.splice(from, 0, ...lines.slice(from, from + count));
        text = lines.join('\n');
        steps.push(`repeat ${count} lines from ${from}`);
      }
    }
  }
  const ext = /\.tf\.json$/i.test(source.path) ? '.tf.json' : (/\.[^.]+$/.exec(source.path)?.[0] ?? '.yaml');
  return { index, source, name: `m${index}${ext}`, text, steps };
}
