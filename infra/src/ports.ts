import { connect } from 'node:net';
import { PORT_VARS, type PortName } from './config';
import { StepError } from './errors';
import { commandLine, run } from './proc';

/** True when something accepts TCP connections on host:port. */
export const isPortOpen = (port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> =>
  new Promise((resolveOpen) => {
    const socket = connect({ port, host });
    const done = (open: boolean): void => {
      socket.destroy();
      resolveOpen(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

export type PortHolder = { name: string; pid: number; commandLine?: string };

/** Reads the owner out of one `ss -ltnpH` line: `... users:(("java",pid=123,fd=45))`. */
export const parseSsHolder = (ssOutput: string): PortHolder | undefined => {
  const match = /users:\(\("([^"]*)",pid=(\d+)/.exec(ssOutput);
  return match ? { name: match[1] ?? '?', pid: Number(match[2]) } : undefined;
};

/** Keeps both ends of a long command line: the program and the config file it was given. */
export const shorten = (text: string, max = 200): string =>
  text.length <= max ? text : `${text.slice(0, max / 2 - 2)} ... ${text.slice(-(max / 2 - 3))}`;

/** Who listens on a port, when the system lets us see it (needs `ss`, and root for other users' processes). */
export const findPortHolder = async (port: number): Promise<PortHolder | undefined> => {
  try {
    const result = await run({ command: 'ss', args: ['-ltnpH', `sport = :${port}`] });
    const holder = result.code === 0 ? parseSsHolder(result.output) : undefined;
    if (!holder) return undefined;
    const cmd = commandLine(holder.pid);
    return cmd ? { ...holder, commandLine: shorten(cmd) } : holder;
  } catch {
    return undefined;
  }
};

export type PortConflict = { portName: PortName; port: number; holder?: PortHolder; stateDir: string };

export const portConflictMessage = ({ portName, port, holder, stateDir }: PortConflict): StepError => {
  const { envVar, what } = PORT_VARS[portName];
  const who = holder
    ? `${holder.name} (pid ${holder.pid}${holder.commandLine ? `: ${holder.commandLine}` : ''})`
    : 'another process (run `ss -ltnp` as root to see which)';
  return new StepError(
    `${what} port ${port}`,
    `port ${port} is already in use by ${who}, which is not this stack's ${what} (state dir ${stateDir})`,
    `stop that process, or move this stack with ${envVar}=<free port> (for example ${envVar}=${port + 10000 <= 65535 ? port + 10000 : port - 1000})`,
  );
};

/** Fails with a message naming port, holder and variable when any of the ports is taken. */
export const assertPortsFree = async (names: PortName[], ports: Record<PortName, number>, stateDir: string): Promise<void> => {
  for (const portName of names) {
    const port = ports[portName];
    if (await isPortOpen(port)) {
      const holder = await findPortHolder(port);
      throw portConflictMessage(holder ? { portName, port, holder, stateDir } : { portName, port, stateDir });
    }
  }
};
