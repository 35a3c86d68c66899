import { SEARCH_ATTRIBUTES } from '@easi/contracts';
import { createSearchAttributeArgs, missingSearchAttributes, temporalServerArgs } from '../src/components/temporal';

const options = {
  dbFile: '/state/temporal/temporal.db',
  host: '127.0.0.1',
  port: 17233,
  uiPort: 18233,
  namespace: 'easi',
  searchAttributes: SEARCH_ATTRIBUTES,
  codecEndpoint: 'http://127.0.0.1:18234/codec',
};

const valuesOf = (args: string[], flag: string): string[] => args.flatMap((a, i) => (a === flag ? [args[i + 1] ?? ''] : []));

describe('temporalServerArgs', () => {
  it('should start the dev server on a SQLite file in WAL mode when built', () => {
    const args = temporalServerArgs(options);
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(valuesOf(args, '--db-filename')).toEqual(['/state/temporal/temporal.db']);
    expect(valuesOf(args, '--sqlite-pragma')).toEqual(['journal_mode=wal', 'synchronous=normal']);
  });

  it('should use the configured ports, namespace and quiet logging when built', () => {
    const args = temporalServerArgs(options);
    expect(valuesOf(args, '--port')).toEqual(['17233']);
    expect(valuesOf(args, '--ui-port')).toEqual(['18233']);
    expect(valuesOf(args, '--ip')).toEqual(['127.0.0.1']);
    expect(valuesOf(args, '--namespace')).toEqual(['easi']);
    expect(valuesOf(args, '--log-level')).toEqual(['warn']);
  });

  it('should point the Web UI at the codec server when an endpoint is given', () => {
    expect(valuesOf(temporalServerArgs(options), '--ui-codec-endpoint')).toEqual(['http://127.0.0.1:18234/codec']);
    expect(temporalServerArgs({ ...options, codecEndpoint: undefined })).not.toContain('--ui-codec-endpoint');
  });

  it('should register one --search-attribute Name=Type per contract attribute when built', () => {
    const attributes = valuesOf(temporalServerArgs(options), '--search-attribute');
    expect(attributes).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`));
  });
});

describe('search attribute reconciliation', () => {
  const listed = JSON.stringify({
    customAttributes: { EasiStage: 'INDEXED_VALUE_TYPE_KEYWORD' },
    systemAttributes: { WorkflowType: 'INDEXED_VALUE_TYPE_KEYWORD' },
  });

  it('should name only the custom attributes the server lacks when compared', () => {
    expect(missingSearchAttributes(listed, { EasiStage: 'Keyword', EasiRiskLevel: 'Keyword', WorkflowType: 'Keyword' })).toEqual([
      'EasiRiskLevel',
      'WorkflowType',
    ]);
  });

  it('should create one call per type when several attributes are missing', () => {
    expect(createSearchAttributeArgs(['A', 'B', 'C'], { A: 'Keyword', B: 'Int', C: 'Keyword' })).toEqual([
      ['operator', 'search-attribute', 'create', '--name', 'A', '--name', 'C', '--type', 'Keyword'],
      ['operator', 'search-attribute', 'create', '--name', 'B', '--type', 'Int'],
    ]);
  });
});
