export type BenchFigures = Record<string, number>;

export type BenchContext = {
  /** Environment pointing at the running stack (DATABASE_URL, KAFKA_BROKERS, TEMPORAL_ADDRESS, ...). */
  env: NodeJS.ProcessEnv;
  root: string;
  log: (line: string) => void;
};

export type BenchPart = { run: (ctx: BenchContext) => Promise<BenchFigures> };

/** Rounds a figure for the JSON line. */
export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
