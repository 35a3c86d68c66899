import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mavenArgs, mavenJarsAreCurrent, testServerWrapperScript } from '../src/provision/maven-jars';
import { manualStartConf, parsePgClusters } from '../src/provision/system-packages';
import { goInstallArgs } from '../src/provision/temporal-cli';

describe('Temporal CLI build', () => {
  it('should build v1.5.1 stripped when the go arguments are made', () => {
    expect(goInstallArgs()).toEqual(['install', '-v', '-ldflags', '-s -w', 'github.com/temporalio/cli/cmd/temporal@v1.5.1']);
  });
});

describe('Maven jars', () => {
  it('should copy runtime dependencies into the given directory when the arguments are made', () => {
    expect(mavenArgs('/repo/infra/maven/kafka/pom.xml', '/c/kafka/lib.tmp')).toEqual([
      '-q',
      '-B',
      '-f',
      '/repo/infra/maven/kafka/pom.xml',
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      '-DoutputDirectory=/c/kafka/lib.tmp',
    ]);
  });

  it('should count as current only when the marker matches the pom', () => {
    const dir = mkdtempSync(join(tmpdir(), 'easi-infra-test-'));
    try {
      const pom = join(dir, 'pom.xml');
      const lib = join(dir, 'cache', 'lib');
      writeFileSync(pom, '<project>v1</project>');
      expect(mavenJarsAreCurrent(pom, lib)).toBe(false);
      mkdirSync(lib, { recursive: true });
      writeFileSync(join(dir, 'cache', '.easi-provisioned'), 'not the hash');
      expect(mavenJarsAreCurrent(pom, lib)).toBe(false);
      writeFileSync(join(dir, 'cache', '.easi-provisioned'), createHash('sha256').update('<project>v1</project>').digest('hex'));
      expect(mavenJarsAreCurrent(pom, lib)).toBe(true);
      writeFileSync(pom, '<project>v2</project>');
      expect(mavenJarsAreCurrent(pom, lib)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should exec the JVM over the quoted lib wildcard when the test server wrapper is written', () => {
    const script = testServerWrapperScript('/c/temporal-test-server/lib');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script.trimEnd().split('\n').pop()).toBe('exec java -cp "/c/temporal-test-server/lib/*" io.temporal.testserver.TestServer "$@"');
  });
});

describe('Debian PostgreSQL cluster', () => {
  it('should parse pg_lsclusters when a cluster is listed', () => {
    const output = [
      '15  main    5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log',
      '16  other   5433 down   postgres /var/lib/postgresql/16/other /var/log/postgresql/postgresql-16-other.log',
      '',
    ].join('\n');
    expect(parsePgClusters(output)).toEqual([
      { version: '15', name: 'main', port: 5432, status: 'online', dataDir: '/var/lib/postgresql/15/main' },
      { version: '16', name: 'other', port: 5433, status: 'down', dataDir: '/var/lib/postgresql/16/other' },
    ]);
  });

  it('should switch start.conf to manual and keep its comments when it says auto', () => {
    const conf = '# Automatic startup configuration\n#   auto: automatically start the cluster\n\nauto\n';
    expect(manualStartConf(conf)).toBe('# Automatic startup configuration\n#   auto: automatically start the cluster\n\nmanual\n');
  });

  it('should append the setting when start.conf has none', () => {
    expect(manualStartConf('# only comments\n')).toBe('# only comments\nmanual\n');
  });
});
