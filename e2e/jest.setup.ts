// End-to-end tests start real service processes and wait on real servers: minutes, not seconds.
// (testTimeout in a project's jest config is ignored when the root config runs every project.)
jest.setTimeout(180_000);
