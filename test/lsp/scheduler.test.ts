// Unit tests for when a changed document is linted: at once after a pause, coalesced while typing fast, slow documents
// wait, and never before the edits already received are applied (a connection that handles one message per turn).
import test, { mock } from 'node:test';
import assert from 'node:assert/strict';
import { LintScheduler } from '../../server/src/lsp/scheduler';

/** Lets real immediates run (a lint waits a loop turn or two for the message queue). */
async function flushImmediates(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A scheduler on mocked timeouts (immediates stay real: Node 20's mock re-runs a timeout that schedules a
 * mocked immediate) and a hand-moved clock; `runs` lists the lints in order.
 */
function setup() {
  mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  const runs: string[] = [];
  const scheduler = new LintScheduler((uri) => runs.push(uri), () => now);
  const advance = async (ms: number) => {
    now += ms;
    mock.timers.tick(ms);
    await flushImmediates();
  };
  return { scheduler, runs, advance, flushImmediates };
}

test('a keystroke after a pause is linted at once (no debounce wait)', async (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  await advance(1000);
  scheduler.changed('a', 100);
  await flushImmediates();
  assert.deepEqual(runs, ['a']);
});

test('fast typing is coalesced into one lint after the quiet time', async (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  await advance(1000);
  scheduler.changed('a', 100);
  await flushImmediates();
  assert.deepEqual(runs, ['a']);
  for (let i = 0; i < 5; i++) {
    await advance(30);
    scheduler.changed('a', 100);
  }
  await advance(99);
  assert.deepEqual(runs, ['a'], 'nothing while typing goes on');
  await advance(1);
  assert.deepEqual(runs, ['a', 'a'], 'one lint once typing stopped for the debounce time');
});

test('documents that lint slowly always wait for quiet (no leading-edge lint)', async (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  await advance(1000);
  scheduler.changed('big', 100);
  await flushImmediates();
  scheduler.record('big', 1500);
  await advance(5000);
  scheduler.changed('big', 100);
  await flushImmediates();
  assert.deepEqual(runs, ['big']);
  await advance(100);
  assert.deepEqual(runs, ['big', 'big']);
});

test('now() lints once even when asked twice; forget() drops what was pending', async (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  scheduler.now('a');
  scheduler.now('a');
  await flushImmediates();
  assert.deepEqual(runs, ['a']);
  await advance(10);
  scheduler.changed('b', 100);
  scheduler.changed('b', 100);
  scheduler.forget('b');
  await advance(500);
  assert.deepEqual(runs, ['a']);
});

/**
 * A connection as vscode-jsonrpc runs it: received messages are queued and handled one per `setImmediate`.
 * `lints` records the document version each lint saw.
 */
function connection(clock: { now: number }) {
  let handled = 0;
  let version = 1;
  const lints: number[] = [];
  const scheduler = new LintScheduler(() => lints.push(version), () => clock.now, () => handled);
  const queue: (() => void)[] = [];
  const pump = () =>
    setImmediate(() => {
      const message = queue.shift();
      if (!message) return;
      handled++;
      message();
      if (queue.length) pump();
    });
  const receive = (...messages: (() => void)[]) => {
    const idle = queue.length === 0;
    queue.push(...messages);
    if (idle) pump();
  };
  const edit = () => {
    version++;
    scheduler.changed('a', 50);
  };
  const other = () => undefined;
  const drained = async () => {
    while (queue.length) await flushImmediates();
    await flushImmediates();
  };
  return { scheduler, lints, receive, edit, other, drained, version: () => version };
}

test('edits queued behind a long lint are all applied before the next lint, which sees only the newest', async () => {
  const clock = { now: 1000 };
  const { lints, receive, edit, other, drained } = connection(clock);
  receive(edit);
  await drained();
  assert.deepEqual(lints, [2]);
  // The lint blocked the loop for longer than the debounce; meanwhile five keystrokes (and a code action) arrived.
  clock.now += 300;
  receive(edit, edit, other, edit, edit, edit);
  await drained();
  assert.deepEqual(lints, [2, 7], 'one lint, of version 7, not one per queued edit');
});

test('quiet() resolves only after the messages already received are handled', async () => {
  const clock = { now: 1000 };
  const { scheduler, lints, receive, edit, other, drained, version } = connection(clock);
  receive(other, edit, other, edit);
  await scheduler.quiet();
  assert.equal(version(), 3, 'both edits were applied when quiet() resolved');
  await drained();
  assert.deepEqual(lints, [3], 'the edits were linted once, at the newest version');
});

test('a connection that never goes quiet delays a lint, never starves it', async () => {
  let handled = 0;
  const lints: number[] = [];
  const scheduler = new LintScheduler(() => lints.push(handled), () => 0, () => handled);
  // A message handled on every loop turn, forever (until the lint happened).
  const busy = () => setImmediate(() => {
    handled++;
    if (!lints.length) busy();
  });
  busy();
  scheduler.now('a');
  while (!lints.length) await flushImmediates();
  assert.equal(lints.length, 1);
  assert.ok(lints[0] >= 900, `the lint waited for the queue first (${lints[0]} messages handled)`);
});
