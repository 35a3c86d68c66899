import type { Component, PortName, StackConfig } from '../config';

export type Progress = (line: string) => void;

export type ReadyContext = {
  /** True right after we started it: the full readiness check runs. */
  justStarted: boolean;
  pid: number;
  timeoutMs: number;
  /** Returns a reason when waiting is pointless, e.g. the process exited. */
  gaveUp: () => string | undefined;
  log: Progress;
};

/** What the stack needs to know to start, check and stop one server. */
export type Driver = {
  component: Component;
  title: string;
  ports: PortName[];
  /** How long readiness may take after a start before it counts as failed. */
  readyTimeoutMs: number;
  stopGraceMs: number;
  logFile: (cfg: StackConfig) => string;
  url: (cfg: StackConfig) => string;
  /** Why this component cannot run on this checkout, when it cannot. */
  unavailable?: (cfg: StackConfig) => string | undefined;
  /** Tools present? Returns a problem + fix when not. */
  missingTools: (cfg: StackConfig) => Promise<string | undefined>;
  /** One-time state (a database cluster, formatted storage). */
  prepare?: (cfg: StackConfig, log: Progress) => Promise<void>;
  /** The pid of our running server, verified by command line. */
  ourPid: (cfg: StackConfig) => number | undefined;
  start: (cfg: StackConfig, log: Progress) => Promise<number>;
  ready: (cfg: StackConfig, ctx: ReadyContext) => Promise<void>;
  /** A custom stop; the default is SIGTERM to the process group, SIGKILL after stopGraceMs. */
  stop?: (cfg: StackConfig, pid: number, log: Progress) => Promise<void>;
};
