import { describe, expect, it } from 'vitest';
import { execTiming, preStopTiming, type PreStopTiming } from '../../src/model/prestop.js';
import { commandsIn, joinsIntact, parseScript, scriptOf, shellSyntaxError, type Script } from '../../src/model/shell.js';
import { deployment, loadModel } from './model-helpers.js';

const words = (script: Script) => {
  if (!script.ok) throw new Error(`expected a readable script, got: ${script.reason}`);
  return script.commands.map((c) => c.words);
};
const writes = (script: Script) => {
  if (!script.ok) throw new Error(`expected a readable script, got: ${script.reason}`);
  return script.commands.flatMap((c) => c.writes);
};
const seconds = (timing: PreStopTiming) => (timing.kind === 'measured' ? timing.seconds : timing.kind);

describe('scriptOf', () => {
  it('takes a plain argv as one command, with the program reduced to its basename', () => {
    expect(scriptOf(['sleep', '15'])).toEqual({ ok: true, commands: [{ words: ['sleep', '15'], writes: [], background: false }] });
    expect(words(scriptOf(['/bin/sleep', '1m']))).toEqual([['sleep', '1m']]);
  });

  it('reads the -c script of a shell, whatever the flags around -c', () => {
    expect(words(scriptOf(['/bin/sh', '-c', 'sleep 15']))).toEqual([['sleep', '15']]);
    expect(words(scriptOf(['sh', '-ec', 'touch /tmp/drain && sleep 20']))).toEqual([
      ['touch', '/tmp/drain'],
      ['sleep', '20'],
    ]);
    expect(words(scriptOf(['bash', '-lc', 'sleep 5']))).toEqual([['sleep', '5']]);
    expect(words(scriptOf(['sh', '-e', '-c', 'sleep 5']))).toEqual([['sleep', '5']]);
    expect(words(scriptOf(['/usr/bin/dash', '-c', 'sleep 5', 'argv0']))).toEqual([['sleep', '5']]);
    expect(words(scriptOf(['busybox', 'sh', '-c', 'sleep 7']))).toEqual([['sleep', '7']]);
  });

  it('refuses a shell without a -c script and an empty command', () => {
    expect(scriptOf(['/bin/sh'])).toEqual({ ok: false, reason: 'sh runs no -c script' });
    expect(scriptOf(['/bin/sh', '/drain.sh'])).toEqual({ ok: false, reason: 'sh runs no -c script' });
    expect(scriptOf(['sh', '-c'])).toEqual({ ok: false, reason: 'sh runs no -c script' });
    expect(scriptOf([])).toEqual({ ok: false, reason: 'the command is empty' });
  });
});

describe('parseScript', () => {
  it('splits on &&, ; and newlines, and joins backslash-newline continuations', () => {
    expect(words(parseScript('touch /tmp/drain && sleep 20'))).toEqual([['touch', '/tmp/drain'], ['sleep', '20']]);
    expect(words(parseScript('echo a; echo b\necho c'))).toEqual([['echo', 'a'], ['echo', 'b'], ['echo', 'c']]);
    expect(words(parseScript('touch /tmp/drain && \\\n  sleep 15'))).toEqual([['touch', '/tmp/drain'], ['sleep', '15']]);
  });

  it('does not split inside quotes', () => {
    expect(words(parseScript(`echo 'a; b && c' > /tmp/x; sleep 2`))).toEqual([['echo', 'a; b && c'], ['sleep', '2']]);
    expect(words(parseScript('echo "a; b && c" && sleep 2'))).toEqual([['echo', 'a; b && c'], ['sleep', '2']]);
  });

  it('treats `||` as a command separator, as the module promises (it is not a pipe)', () => {
    // OPAQUE = /\|(?!\|)/ matches the second `|` of `||`, so every `||` is read as a pipe.
    expect(words(parseScript('touch /tmp/drain || true; sleep 5'))).toEqual([['touch', '/tmp/drain'], ['true'], ['sleep', '5']]);
  });

  it('keeps an escaped double quote inside double quotes', () => {
    expect(words(parseScript('echo "say \\"hi\\"" > /tmp/m; sleep 1'))).toEqual([['echo', 'say "hi"'], ['sleep', '1']]);
  });

  it('treats an unquoted backslash-escaped `;` as a literal character', () => {
    expect(words(parseScript('echo a\\;b && sleep 5'))).toEqual([['echo', 'a;b'], ['sleep', '5']]);
  });

  it('marks `&`-terminated commands as backgrounded, without mistaking `&&` or `2>&1`', () => {
    const script = parseScript('sleep 100 & echo x > /tmp/f 2>&1 && sleep 1');
    expect(script.ok && script.commands.map((c) => [c.words.join(' '), c.background])).toEqual([
      ['sleep 100', true],
      ['echo x', false],
      ['sleep 1', false],
    ]);
  });

  it('drops leading variable assignments and `exec` / `command`', () => {
    expect(words(parseScript('DELAY=5 LANG=C sleep 5'))).toEqual([['sleep', '5']]);
    expect(words(parseScript('exec /bin/sleep 5'))).toEqual([['sleep', '5']]);
    expect(words(parseScript('command sleep 5'))).toEqual([['sleep', '5']]);
  });

  it('ignores comments', () => {
    expect(words(parseScript('touch /tmp/drain # mark\nsleep 10'))).toEqual([['touch', '/tmp/drain'], ['sleep', '10']]);
    expect(words(parseScript('# only a comment\nsleep 3'))).toEqual([['sleep', '3']]);
    // A `#` inside a word starts no comment.
    expect(words(parseScript('echo a#b'))).toEqual([['echo', 'a#b']]);
  });

  it('does not let quotes or separators inside a comment change the script', () => {
    expect(words(parseScript("touch /tmp/drain\n# don't remove the marker\nsleep 10"))).toEqual([['touch', '/tmp/drain'], ['sleep', '10']]);
    expect(words(parseScript('sleep 5 # wait; then exit'))).toEqual([['sleep', '5']]);
  });

  it.each([
    ['a pipe', 'ps aux | grep nginx', 'the script uses a pipe'],
    ['a $(…) substitution', 'sleep $(cat /etc/delay)', 'the script uses command substitution'],
    ['a backtick substitution', 'sleep `cat /etc/delay`', 'the script uses command substitution'],
    ['a here-document', 'cat <<EOF > /tmp/x\nhi\nEOF', 'the script uses a here-document'],
  ])('refuses %s', (_what, script, reason) => {
    expect(parseScript(script)).toEqual({ ok: false, reason });
  });

  it('still refuses a $(…) inside double quotes (it is expanded there)', () => {
    expect(parseScript('echo "$(date)" > /tmp/x').ok).toBe(false);
  });

  it('does not take a `|` inside quotes for a pipe', () => {
    expect(words(parseScript("echo 'a|b' > /tmp/x; sleep 5"))).toEqual([['echo', 'a|b'], ['sleep', '5']]);
    expect(words(parseScript('echo "a|b" > /tmp/x; sleep 5'))).toEqual([['echo', 'a|b'], ['sleep', '5']]);
  });

  it.each([
    ['while', 'while [ -f /tmp/busy ]; do sleep 1; done'],
    ['if', 'if [ -f /tmp/x ]; then sleep 5; fi'],
    ['for', 'for i in 1 2 3; do sleep 1; done'],
    ['case', 'case $X in a) sleep 1;; esac'],
    ['a brace group', '{ sleep 1; }'],
  ])('refuses control flow: %s', (_what, script) => {
    expect(parseScript(script)).toMatchObject({ ok: false, reason: 'the script uses shell control flow' });
  });

  it('names the loop that makes a script opaque, and only a while or until loop', () => {
    expect(parseScript('while [ -f /tmp/busy ]; do sleep 1; done')).toEqual({ ok: false, reason: 'the script uses shell control flow', loop: 'while' });
    expect(parseScript('touch /tmp/d | cat; until curl -sf x; do sleep 1; done')).toEqual({ ok: false, reason: 'the script uses a pipe', loop: 'until' });
    expect(parseScript('for i in 1 2 3; do sleep 1; done')).toEqual({ ok: false, reason: 'the script uses shell control flow' });
  });

  it('commandsIn reads the commands of any script, control flow looked through', () => {
    expect(commandsIn('while true; do /usr/bin/curl -s x > /dev/null; sleep 1; done')).toEqual([['true'], ['curl', '-s', 'x'], ['sleep', '1']]);
    expect(commandsIn('export A=1; exec python3 -m sglang.launch_server --port 30000 | tee log')).toEqual([
      ['export', 'A=1'],
      ['python3', '-m', 'sglang.launch_server', '--port', '30000'],
      ['tee', 'log'],
    ]);
    expect(commandsIn('echo "unclosed')).toBeUndefined();
  });

  it('accepts control words when quoted', () => {
    expect(words(parseScript('echo "if" "done"; sleep 1'))).toEqual([['echo', 'if', 'done'], ['sleep', '1']]);
  });

  it('accepts reserved words outside command position (they are plain arguments there)', () => {
    // `done`, `fi`, `{` … are reserved only as the first word of a command.
    expect(words(parseScript('echo done > /tmp/state; sleep 1'))).toEqual([['echo', 'done'], ['sleep', '1']]);
  });

  it('refuses unbalanced quotes', () => {
    expect(parseScript('echo "unterminated; sleep 5')).toEqual({ ok: false, reason: 'the script has an unclosed quote' });
  });

  describe('writes (stdout redirections, the marker files a preStop creates)', () => {
    it('records `> F`, `>> F`, `>F`, `1>F` and `1>> F`', () => {
      expect(writes(parseScript('echo draining > /tmp/drain'))).toEqual(['/tmp/drain']);
      expect(writes(parseScript('echo draining >> /tmp/log'))).toEqual(['/tmp/log']);
      expect(writes(parseScript('echo draining >/tmp/drain'))).toEqual(['/tmp/drain']);
      expect(writes(parseScript('echo draining 1>/tmp/drain'))).toEqual(['/tmp/drain']);
      expect(writes(parseScript('echo draining 1>> /tmp/drain'))).toEqual(['/tmp/drain']);
      expect(writes(parseScript(': > /tmp/drain && sleep 10'))).toEqual(['/tmp/drain']);
      expect(writes(parseScript('> /tmp/drain'))).toEqual(['/tmp/drain']);
      expect(writes(parseScript('echo x > "/tmp/my marker"'))).toEqual(['/tmp/my marker']);
    });

    it('keeps the redirection out of the command words', () => {
      expect(words(parseScript('echo draining > /tmp/drain'))).toEqual([['echo', 'draining']]);
      expect(words(parseScript('echo x 2>/dev/null'))).toEqual([['echo', 'x']]);
      expect(words(parseScript('echo x 2> /dev/null'))).toEqual([['echo', 'x']]);
      expect(words(parseScript('cat < /etc/hosts'))).toEqual([['cat']]);
    });

    it('does not count redirections of other file descriptors or duplications', () => {
      expect(writes(parseScript('echo x 2>/dev/null'))).toEqual([]);
      expect(writes(parseScript('echo x 2> /tmp/err'))).toEqual([]);
      expect(writes(parseScript('echo x 2>>/tmp/err'))).toEqual([]);
      expect(writes(parseScript('echo x >&2'))).toEqual([]);
      expect(writes(parseScript('echo x 1>&2'))).toEqual([]);
      expect(writes(parseScript('cat < /tmp/in'))).toEqual([]);
      expect(writes(parseScript('echo x > /tmp/out 2>&1'))).toEqual(['/tmp/out']);
    });

    it('records a redirection glued to the previous word (`echo draining>/tmp/drain`)', () => {
      expect(words(parseScript('echo draining>/tmp/drain'))).toEqual([['echo', 'draining']]);
      expect(writes(parseScript('echo draining>/tmp/drain'))).toEqual(['/tmp/drain']);
    });

    it('records a redirection to a quoted target glued to `>` (`>"/tmp/drain"`)', () => {
      expect(words(parseScript('echo draining >"/tmp/drain"'))).toEqual([['echo', 'draining']]);
      expect(writes(parseScript('echo draining >"/tmp/drain"'))).toEqual(['/tmp/drain']);
    });

    it('records `&> F` (bash: stdout and stderr to F; sh: `cmd &` then `> F`): F is written either way', () => {
      expect(writes(parseScript('echo draining &> /tmp/drain'))).toEqual(['/tmp/drain']);
    });
  });
});

describe('execTiming', () => {
  it.each<[string, string[], number]>([
    ['a bare sleep', ['sleep', '15'], 15],
    ['a sleep by path with a unit', ['/bin/sleep', '1m'], 60],
    ['sh -c', ['/bin/sh', '-c', 'sleep 15'], 15],
    ['the marker pattern under -ec', ['sh', '-ec', 'touch /tmp/drain && sleep 20'], 20],
    ['echo to a marker then sleep 5s', ['bash', '-c', 'echo draining > /tmp/drain; sleep 5s'], 5],
    ['sleep with several arguments (summed, GNU and busybox)', ['sh', '-c', 'sleep 1m 30'], 90],
    ['several sleeps (summed)', ['sh', '-c', 'sleep 5 && sleep 10s'], 15],
    ['a fractional sleep', ['sleep', '0.5'], 0.5],
    ['a sleep in hours', ['sleep', '1h'], 3600],
    ['a quoted argument', ['sh', '-c', 'sleep "15"'], 15],
    ['`:` truncating a marker', ['sh', '-c', ': > /tmp/drain && sleep 10'], 10],
    ['kill before sleep', ['sh', '-c', 'kill -TERM 1; sleep 3'], 3],
    ['a backgrounded sleep, which does not hold the hook', ['sh', '-c', 'sleep 100 & sleep 5'], 5],
    ['only a backgrounded sleep', ['sh', '-c', 'sleep 100 &'], 0],
    ['busybox sh -c', ['busybox', 'sh', '-c', 'touch /tmp/drain; sleep 12'], 12],
    ['a multi-line script', ['/bin/sh', '-c', 'touch /tmp/drain\nsleep 15\n'], 15],
    ['only instant commands', ['sh', '-c', 'touch /tmp/drain && rm -f /tmp/ready'], 0],
    ['a command with a comment', ['sh', '-c', 'touch /tmp/drain # mark\nsleep 10'], 10],
    ['ray stop, then a sleep', ['sh', '-c', 'ray stop && sleep 10'], 10],
  ])('measures %s', (_what, argv, expected) => {
    const timing = execTiming(argv);
    expect(timing).toEqual({ kind: 'measured', seconds: expected, how: 'preStop exec sleep' });
  });

  // Issue 15, item 13: KubeRay's usual preStop stops the Ray node at once, and messages say so.
  it('measures ray stop (KubeRay) as 0 s, saying what it does', () => {
    expect(execTiming(['/bin/sh', '-c', 'ray stop'])).toEqual({ kind: 'measured', seconds: 0, how: 'preStop exec "ray stop", which stops the Ray node at once' });
  });

  it.each<[string, string[], RegExp]>([
    ['sleep infinity', ['sleep', 'infinity'], /cannot read "sleep infinity"/],
    ['a sleep from a variable', ['sh', '-c', 'sleep $DELAY'], /cannot read "sleep \$DELAY"/],
    ['a sleep without an argument', ['sh', '-c', 'touch /tmp/d; sleep'], /cannot read "sleep "/],
    ['an if', ['sh', '-c', 'if true; then sleep 5; fi'], /control flow/],
    ['a pipe', ['sh', '-c', 'echo x | tee /tmp/drain; sleep 5'], /uses a pipe/],
    ['a substitution', ['sh', '-c', 'sleep $(cat /etc/delay)'], /command substitution/],
    ['an unknown script', ['/app/drain.sh'], /runs "drain\.sh"/],
    ['nginx -s quit', ['nginx', '-s', 'quit'], /runs "nginx"/],
    ['curl to a drain endpoint', ['sh', '-c', 'curl -X POST localhost:8080/drain'], /runs "curl"/],
    ['a wait on a backgrounded sleep', ['sh', '-c', 'sleep 10 & wait'], /runs "wait"/],
    ['a shell without -c', ['/bin/sh', '/drain.sh'], /sh runs no -c script/],
    ['an empty command', [], /the command is empty/],
  ])('does not guess %s', (_what, argv, why) => {
    const timing = execTiming(argv);
    expect(timing.kind).toBe('unknown');
    expect(timing.kind === 'unknown' && timing.why).toMatch(why);
  });

  // Issue 15, item 13: a known sleep beside a command of unknown duration is a lower bound.
  it.each<[string, string[], number, RegExp]>([
    ['NATS lame-duck mode, then a sleep', ['sh', '-c', 'nats-server --signal ldm && /bin/sleep 60'], 60, /runs "nats-server"/],
    ['a sleep, then a drain call', ['sh', '-c', 'sleep 5; curl -X POST localhost:8080/drain'], 5, /runs "curl"/],
    ['sleeps on both sides of an unknown command, summed', ['sh', '-c', 'sleep 5 && /app/drain.sh && sleep 10s'], 15, /runs "drain\.sh"/],
    // Review: a sleep after `||` may never run; one after `;` always does.
    ['a sleep after `||` beside one after `;`', ['sh', '-c', '/app/drain.sh || sleep 30; sleep 5'], 5, /runs "drain\.sh"/],
  ])('counts %s as at least its sleeps', (_what, argv, expected, why) => {
    const timing = execTiming(argv);
    expect(timing.kind).toBe('at-least');
    expect(timing.kind === 'at-least' && timing.seconds).toBe(expected);
    expect(timing.kind === 'at-least' && timing.why).toMatch(why);
  });

  it('gives no lower bound when the only sleep comes after `||` (the preStop is of unknown length)', () => {
    expect(execTiming(['sh', '-c', '/app/drain.sh || sleep 30'])).toEqual({ kind: 'unknown', why: 'the preStop runs "drain.sh", whose duration cannot be known' });
  });

  // Issue 15, item 13: a while / until loop has no bound: it can use the whole grace period.
  it.each<[string, string[], string]>([
    ['while true', ['sh', '-c', 'while true; do sleep 1; done'], 'a while loop'],
    ['until curl', ['/bin/bash', '-c', 'until curl -sf localhost:8080/idle; do sleep 1; done'], 'an until loop'],
    ['a loop after a marker', ['sh', '-c', 'touch /tmp/drain\nwhile [ -f /tmp/busy ]; do sleep 1; done\nsleep 5'], 'a while loop'],
    ['a loop inside an if', ['sh', '-c', 'if [ -f /tmp/x ]; then while pgrep worker; do sleep 1; done; fi'], 'a while loop'],
  ])('marks %s as unbounded', (_what, argv, loop) => {
    const timing = execTiming(argv);
    expect(timing).toEqual({ kind: 'unknown', why: `the preStop runs ${loop} with no bound, which can use the whole grace period`, unbounded: true });
  });

  // Review: a loop that counts to a number is bounded: iterations × the sleeps of its body.
  it.each<[string, string, number]>([
    ['while -lt', 'i=0; while [ $i -lt 10 ]; do sleep 1; i=$((i+1)); done', 10],
    ['while -le, quoted, from 1, with a marker and a last sleep', 'touch /tmp/drain\ni=1\nwhile [ "$i" -le 5 ]; do\n  sleep 2\n  i=$((i + 1))\ndone\nsleep 5', 15],
    ['until -ge with test and : $((n+=1))', 'n=0; until test $n -ge 6; do sleep 0.5; : $((n+=1)); done', 3],
  ])('measures a counted loop: %s', (_what, script, expected) => {
    expect(execTiming(['sh', '-c', script])).toEqual({ kind: 'measured', seconds: expected, how: 'preStop exec sleep' });
  });

  it('counts a counted loop beside an unknown command as at least its sleeps', () => {
    expect(execTiming(['sh', '-c', 'curl -X POST localhost:8080/drain; i=0; while [ $i -lt 3 ]; do sleep 10; i=$((i+1)); done'])).toMatchObject({
      kind: 'at-least',
      seconds: 30,
    });
  });

  it.each<[string, string]>([
    ['no increment', 'i=0; while [ $i -lt 10 ]; do sleep 1; done'],
    ['no initial value', 'while [ $i -lt 10 ]; do sleep 1; i=$((i+1)); done'],
    ['an unknown command in the body', 'i=0; while [ $i -lt 10 ]; do curl -sf localhost/idle && break; sleep 1; i=$((i+1)); done'],
    ['a file test', 'i=0; while [ -f /tmp/busy ]; do sleep 1; i=$((i+1)); done'],
    ['a wrong-way test', 'i=0; while [ $i -gt 10 ]; do sleep 1; i=$((i+1)); done'],
    ['another variable incremented', 'i=0; while [ $i -lt 10 ]; do sleep 1; j=$((j+1)); done'],
  ])('leaves a loop unbounded with %s', (_what, script) => {
    expect(execTiming(['sh', '-c', script])).toMatchObject({ kind: 'unknown', unbounded: true });
  });

  it('does not take a quoted or argument "while" for a loop', () => {
    expect(execTiming(['sh', '-c', 'echo while; sleep 5'])).toEqual({ kind: 'measured', seconds: 5, how: 'preStop exec sleep' });
    expect(execTiming(['sh', '-c', '"while" true'])).toEqual({ kind: 'unknown', why: 'the preStop runs "while", whose duration cannot be known' });
    expect(execTiming(['sh', '-c', 'for i in 1 2 3; do sleep 1; done'])).toMatchObject({ kind: 'unknown', why: /control flow/ });
  });

  it('does not lose a sleep after a comment with an apostrophe', () => {
    // splitCommands ignores comments, enters a quote at the apostrophe, swallows the rest of the
    // script into the comment, and the hook is measured at 0 s instead of 10 s.
    expect(seconds(execTiming(['sh', '-c', "touch /tmp/drain\n# don't remove the marker\nsleep 10"]))).toBe(10);
  });

  it('reads a sleep followed by a comment containing `;`', () => {
    expect(seconds(execTiming(['sh', '-c', 'sleep 5 # wait; then exit']))).toBe(5);
  });

  it('measures a sleep after `||`', () => {
    expect(seconds(execTiming(['sh', '-c', 'touch /tmp/drain || true; sleep 5']))).toBe(5);
  });

  it('measures `busybox sleep N` (a busybox applet, not a shell)', () => {
    expect(seconds(execTiming(['busybox', 'sleep', '5']))).toBe(5);
  });
});

describe('preStopTiming', () => {
  const containerOf = (lifecycle: string | undefined) => {
    const yaml = deployment('app', `name: app\nimage: example/app:1${lifecycle ? `\nlifecycle:\n  preStop:\n${lifecycle.replace(/^/gm, '    ')}` : ''}`);
    const loaded = loadModel(yaml);
    return { container: loaded.workload('app').templates[0]!.spec.containers[0]!, loaded };
  };

  it('reads the native sleep action', () => {
    expect(preStopTiming(containerOf('sleep:\n  seconds: 15').container)).toEqual({ kind: 'measured', seconds: 15, how: 'preStop sleep action' });
    expect(preStopTiming(containerOf('sleep:\n  seconds: 0').container)).toEqual({ kind: 'measured', seconds: 0, how: 'preStop sleep action' });
  });

  it('does not measure a native sleep whose seconds are invalid, and records the invalid value', () => {
    const { container, loaded } = containerOf('sleep:\n  seconds: "15s"');
    expect(preStopTiming(container)).toEqual({ kind: 'unknown', why: 'the preStop sleep has no valid seconds' });
    expect(loaded.allProblems()).toEqual([
      '"15s": spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds must be an integer, got the string "15s"',
    ]);
    expect(preStopTiming(containerOf('sleep: {}').container).kind).toBe('unknown');
  });

  it('measures an exec hook', () => {
    expect(preStopTiming(containerOf('exec:\n  command: ["/bin/sh", "-c", "touch /tmp/drain && sleep 20"]').container)).toEqual({
      kind: 'measured',
      seconds: 20,
      how: 'preStop exec sleep',
    });
  });

  it('does not measure an exec hook without a command', () => {
    expect(preStopTiming(containerOf('exec: {}').container)).toEqual({ kind: 'unknown', why: 'the preStop exec has no command' });
  });

  it('does not measure an httpGet hook', () => {
    const timing = preStopTiming(containerOf('httpGet:\n  path: /drain\n  port: 8080').container);
    expect(timing.kind).toBe('unknown');
    expect(timing.kind === 'unknown' && timing.why).toMatch(/httpGet/);
  });

  it('does not measure a tcpSocket hook', () => {
    const timing = preStopTiming(containerOf('tcpSocket:\n  port: 8080').container);
    expect(timing).toEqual({ kind: 'unknown', why: 'a tcpSocket preStop hook has no readable duration' });
  });

  it('reports a missing hook as missing', () => {
    expect(preStopTiming(containerOf(undefined).container)).toEqual({ kind: 'missing' });
    const postStartOnly = loadModel(deployment('app', 'name: app\nimage: x\nlifecycle:\n  postStart:\n    exec:\n      command: ["true"]'));
    expect(preStopTiming(postStartOnly.workload('app').templates[0]!.spec.containers[0]!)).toEqual({ kind: 'missing' });
  });
});

describe('shellSyntaxError', () => {
  it('accepts scripts a POSIX shell parses', () => {
    for (const script of [
      'sleep 5',
      'touch /tmp/drain && sleep 15 # wait for endpoints',
      '! test -f /tmp/drain && (curl -fsS localhost:8000/health # a comment\n)',
      'a &&\n  b || c; d &',
      '(a; b) && (c)',
      'echo "$(date) $(echo "(nested)")" `hostname`',
      'echo ")" \'(\' \\( x',
      'if true; then sleep 1; fi',
    ]) {
      expect(shellSyntaxError(script), script).toBeUndefined();
    }
  });

  it('names what a shell would refuse', () => {
    expect(shellSyntaxError('(curl localhost # comment)')).toBe('a "(" is never closed');
    expect(shellSyntaxError('a)')).toBe('a ")" closes nothing');
    expect(shellSyntaxError('()')).toBe('nothing runs before ")"');
    expect(shellSyntaxError('(a &&)')).toBe('nothing runs before ")"');
    expect(shellSyntaxError('a &&')).toBe('the script ends with "&&"');
    expect(shellSyntaxError('a | # nothing after')).toBe('the script ends with "|"');
    expect(shellSyntaxError('; a')).toBe('";" follows no command');
    expect(shellSyntaxError('a && ; b')).toBe('";" follows no command');
    expect(shellSyntaxError("echo 'open")).toBe('the script has an unclosed quote');
    expect(shellSyntaxError('echo $(date')).toBe('the script has an unclosed command substitution');
    expect(shellSyntaxError('cat <<EOF\nx\nEOF')).toBe('a here-document cannot be checked');
  });
});

describe('joinsIntact', () => {
  it('holds when the parts keep every word and operator once joined', () => {
    expect(joinsIntact('touch /tmp/drain && sleep 5', ['touch /tmp/drain && ', 'sleep 5'])).toBe(true);
    expect(joinsIntact('(a # c\n)', ['(', 'a # c', '\n)'])).toBe(true);
  });

  it('fails when joining swallows, merges or escapes a token', () => {
    expect(joinsIntact('(a # c)', ['(', 'a # c', ')'])).toBe(false);
    expect(joinsIntact('(a \\)', ['(', 'a \\', ')'])).toBe(false);
    expect(joinsIntact("echo 'a' && b", ["echo 'a", "' && b"])).toBe(false);
    expect(joinsIntact('vllm serve m--x=1', ['vllm serve m', '--x=1'])).toBe(false);
  });
});

describe('word spans', () => {
  it('give where each word of a command is written, quotes included, redirection targets excluded', () => {
    const script = `exec vllm serve "my model" --port 8000 > /log 2>&1; echo done`;
    const parsed = parseScript(script);
    if (!parsed.ok) throw new Error(parsed.reason);
    const [serve] = parsed.commands;
    expect(serve!.spans!.map(({ start, end }) => script.slice(start, end))).toEqual(['vllm', 'serve', '"my model"', '--port', '8000']);
  });
});

describe('the kubelet’s $(NAME) references', () => {
  it('are words, replaced before the shell runs: an engine started after one is still read', () => {
    const script = 'bash /workspace/start.sh leader --ray_cluster_size=$(LWS_GROUP_SIZE); python3 -m vllm.entrypoints.openai.api_server --port 8080';
    expect(words(parseScript(script))).toEqual([
      ['bash', '/workspace/start.sh', 'leader', '--ray_cluster_size=$(LWS_GROUP_SIZE)'],
      ['python3', '-m', 'vllm.entrypoints.openai.api_server', '--port', '8080'],
    ]);
    expect(words(parseScript('echo "size $(LWS_GROUP_SIZE)"'))).toEqual([['echo', 'size $(LWS_GROUP_SIZE)']]);
  });

  it('a lower-case name is a command the shell runs, as the kubelet leaves an undefined reference alone', () => {
    expect(parseScript('echo $(hostname)').ok).toBe(false);
  });
});
