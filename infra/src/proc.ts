import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export type RunAs = { uid: number; gid: number };

/** Alive and not a zombie: a dead child that nobody reaped still answers kill(0). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

/** The command line of a process as one string, or '' when it is gone or unreadable. */
export const commandLine = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
};

export const readPid = (file: string): number | undefined => {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** Writes through a temporary file so a reader never sees half a file. */
export const writeFileAtomic = (file: string, content: string, mode?: number): void => {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
};

/** The pid of a process we started, when it is still that process (pid reuse is checked by its command line). */
export const livePid = (file: string, mustContain: string[]): number | undefined => {
  const pid = readPid(file);
  if (pid === undefined || !isAlive(pid)) return undefined;
  const cmd = commandLine(pid);
  return mustContain.every((part) => cmd.includes(part)) ? pid : undefined;
};

export type DetachedSpec = {
  command: string;
  args: string[];
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  runAs?: RunAs;
};

/**
 * Starts a server that outlives this process: own process group, output appended to its log.
 * Resolves with the pid once the OS has started it, rejects when the executable cannot run.
 */
export const spawnDetached = (spec: DetachedSpec): Promise<number> =>
  new Promise((resolvePid, reject) => {
    mkdirSync(dirname(spec.logFile), { recursive: true });
    appendFileSync(spec.logFile, `\n--- ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
    const out = openSync(spec.logFile, 'a');
    try {
      const child = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env ?? process.env,
        detached: true,
        stdio: ['ignore', out, out],
        ...(spec.runAs ?? {}),
      });
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        if (child.pid === undefined) reject(new Error(`${spec.command} started without a pid`));
        else resolvePid(child.pid);
      });
    } finally {
      closeSync(out);
    }
  });

export type RunSpec = {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  runAs?: RunAs;
  /** Output is appended here as it arrives. */
  logFile?: string;
  /** Called with each output line (stdout and stderr). */
  onLine?: (line: string) => void;
};

export type RunResult = { code: number; output: string };

/** Runs a command to completion; never rejects for a non-zero exit, only when it cannot start. */
export const run = (spec: RunSpec): Promise<RunResult> =>
  new Promise((resolveRun, reject) => {
    if (spec.logFile) {
      mkdirSync(dirname(spec.logFile), { recursive: true });
      appendFileSync(spec.logFile, `\n--- ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
    }
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(spec.runAs ?? {}),
    });
    let output = '';
    let partial = '';
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-64_000);
      if (spec.logFile) appendFileSync(spec.logFile, text);
      if (spec.onLine) {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) spec.onLine(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (partial.trim() && spec.onLine) spec.onLine(partial);
      resolveRun({ code: code ?? (signal ? 128 : 1), output });
    });
  });

export const commandExists = async (command: string): Promise<boolean> => {
  try {
    return (await run({ command: 'sh', args: ['-c', `command -v ${command}`] })).code === 0;
  } catch {
    return false;
  }
};

/** SIGTERM to the process group, SIGKILL after the grace period. Resolves true when it had to kill. */
export const terminate = async (pid: number, graceMs: number): Promise<boolean> => {
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return false;
    await delay(100);
  }
  signal('SIGKILL');
  while (isAlive(pid)) await delay(50);
  return true;
};

/** Last lines of a log, for error messages. */
export const tail = (file: string, lines = 15): string => {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
};

export const formatDuration = (ms: number): string =>
  ms < 1000
    ? `${Math.round(ms)} ms`
    : ms < 60_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
