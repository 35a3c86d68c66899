// The lint test runs ESLint with type information over several projects: tens of seconds on two cores.
jest.setTimeout(120_000);
