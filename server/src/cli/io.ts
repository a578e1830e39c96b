// What a CLI command may touch of the outside world, so commands can run in-process in tests.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal (colors on unless --no-color / NO_COLOR). */
  isTTY: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
  };
}

/** Exit codes shared by every command. */
export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;
