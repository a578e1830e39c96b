// Parses the stack frames aws-cdk-lib records and picks the first one in the app's own code.
import { fileURLToPath } from 'node:url';
import { Trace } from './assembly';

export interface Frame {
  file: string;
  /** One-based, as V8 prints them. */
  line: number;
  column: number;
}

/**
 * `new ExposedStack (/app/lib/stack.ts:25:5)`, `/app/bin/app.ts:7:1`, `at Foo (file:///app/x.js:1:2)`.
 * Summaries aws-cdk-lib writes for collapsed library frames (`...new Vpc2 in aws-cdk-lib...`) are not frames.
 */
export function parseFrame(frame: string): Frame | undefined {
  const text = frame.trim().replace(/^at\s+/, '');
  if (text.startsWith('...')) return undefined;
  const match = /(?:\(|^)((?:file:\/\/)?[^()]*?):(\d+):(\d+)\)?$/.exec(text);
  if (!match || !match[1]) return undefined;
  let file = match[1];
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file);
    } catch {
      return undefined;
    }
  }
  if (file.startsWith('node:') || file.startsWith('internal/')) return undefined;
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

/** Library and runtime code: never where the user created a construct. */
export function isLibraryFile(file: string): boolean {
  return /[\\/]node_modules[\\/]/.test(file) || !/[\\/]/.test(file) || /\.d\.ts$/.test(file);
}

/** The innermost frame that is the app's own code, if any. */
export function userFrame(trace: Trace | undefined): Frame | undefined {
  if (!trace) return undefined;
  for (const raw of trace) {
    const frame = parseFrame(raw);
    if (frame && !isLibraryFile(frame.file)) return frame;
  }
  return undefined;
}
