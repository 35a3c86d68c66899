import { createServer, type Server } from 'node:net';
import { findPortHolder, isPortOpen, parseSsHolder, portConflictMessage, shorten } from '../src/ports';

describe('parseSsHolder', () => {
  it('should read name and pid when ss shows the owning process', () => {
    const line = 'LISTEN 0      244        127.0.0.1:5432      0.0.0.0:*    users:(("postgres",pid=12134,fd=5))';
    expect(parseSsHolder(line)).toEqual({ name: 'postgres', pid: 12134 });
  });

  it('should return nothing when ss cannot see the owner', () => {
    expect(parseSsHolder('LISTEN 0 244 127.0.0.1:5432 0.0.0.0:*')).toBeUndefined();
    expect(parseSsHolder('')).toBeUndefined();
  });
});

describe('portConflictMessage', () => {
  it('should name the port, the holder and the variable to change when a port is taken', () => {
    const error = portConflictMessage({
      portName: 'kafka',
      port: 9092,
      holder: { name: 'java', pid: 4242, commandLine: 'java -cp lib/* kafka.Kafka /elsewhere/server.properties' },
      stateDir: '/work/main/.easi',
    });
    expect(error.message).toContain(
      'port 9092 is already in use by java (pid 4242: java -cp lib/* kafka.Kafka /elsewhere/server.properties)',
    );
    expect(error.message).toContain("not this stack's Kafka broker (state dir /work/main/.easi)");
    expect(error.message).toContain('EASI_KAFKA_PORT=<free port>');
    expect(error.step).toBe('Kafka broker port 9092');
  });

  it('should say how to find the holder when it is unknown', () => {
    const error = portConflictMessage({ portName: 'devIssuer', port: 3000, stateDir: '/s' });
    expect(error.message).toContain('another process (run `ss -ltnp` as root to see which)');
    expect(error.message).toContain('AUTH_DEV_ISSUER_PORT');
  });
});

describe('shorten', () => {
  it('should keep both ends of a long command line when it is too long', () => {
    const long = `java ${'-Dx=y '.repeat(100)}/state/kafka/server.properties`;
    const short = shorten(long, 80);
    expect(short.length).toBeLessThanOrEqual(80);
    expect(short.startsWith('java ')).toBe(true);
    expect(short.endsWith('server.properties')).toBe(true);
  });

  it('should leave a short text alone when it fits', () => {
    expect(shorten('temporal server start-dev')).toBe('temporal server start-dev');
  });
});

describe('isPortOpen and findPortHolder', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('should see a listening port as open and name this process as its holder when one listens', async () => {
    expect(await isPortOpen(port)).toBe(true);
    const holder = await findPortHolder(port);
    if (holder) expect(holder.pid).toBe(process.pid);
  });

  it('should see a port as closed when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await isPortOpen(free)).toBe(false);
  });
});
