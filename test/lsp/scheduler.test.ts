// Unit tests for when a changed document is linted: at once after a pause, coalesced while typing fast, slow documents wait.
import test, { mock } from 'node:test';
import assert from 'node:assert/strict';
import { LintScheduler } from '../../server/src/lsp/scheduler';

/** A scheduler on mocked timers and a hand-moved clock; `runs` lists the lints in order. */
function setup() {
  mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  let now = 0;
  const runs: string[] = [];
  const scheduler = new LintScheduler((uri) => runs.push(uri), () => now);
  const advance = (ms: number) => {
    now += ms;
    mock.timers.tick(ms);
  };
  return { scheduler, runs, advance, flushImmediates: () => mock.timers.tick(0) };
}

test('a keystroke after a pause is linted at once (no debounce wait)', (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  advance(1000);
  scheduler.changed('a', 100);
  flushImmediates();
  assert.deepEqual(runs, ['a']);
});

test('fast typing is coalesced into one lint after the quiet time', (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  advance(1000);
  scheduler.changed('a', 100);
  flushImmediates();
  assert.deepEqual(runs, ['a']);
  for (let i = 0; i < 5; i++) {
    advance(30);
    scheduler.changed('a', 100);
  }
  advance(99);
  assert.deepEqual(runs, ['a'], 'nothing while typing goes on');
  advance(1);
  assert.deepEqual(runs, ['a', 'a'], 'one lint once typing stopped for the debounce time');
});

test('documents that lint slowly always wait for quiet (no leading-edge lint)', (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  advance(1000);
  scheduler.changed('big', 100);
  flushImmediates();
  scheduler.record('big', 1500);
  advance(5000);
  scheduler.changed('big', 100);
  flushImmediates();
  assert.deepEqual(runs, ['big']);
  advance(100);
  assert.deepEqual(runs, ['big', 'big']);
});

test('now() lints once even when asked twice; forget() drops what was pending', (t) => {
  t.after(() => mock.timers.reset());
  const { scheduler, runs, advance, flushImmediates } = setup();
  scheduler.now('a');
  scheduler.now('a');
  flushImmediates();
  assert.deepEqual(runs, ['a']);
  advance(10);
  scheduler.changed('b', 100);
  scheduler.changed('b', 100);
  scheduler.forget('b');
  advance(500);
  assert.deepEqual(runs, ['a']);
});
