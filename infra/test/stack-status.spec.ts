import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS, loadStackConfig } from '../src/config';
import { DEV_ISSUER_ENTRY } from '../src/components/dev-issuer';
import { stackStatus } from '../src/stack';

// Integration: runs against the stack `npm test` starts (same EASI_* environment). Started by hand:
// node -r ./tools/register.js infra/src/cli.ts start
describe('stackStatus against the running stack', () => {
  it('should report every component up with a pid when the stack has been started', async () => {
    const cfg = loadStackConfig();
    const issuerWritten = existsSync(join(cfg.repoRoot, DEV_ISSUER_ENTRY));
    const status = await stackStatus();

    for (const component of COMPONENTS) {
      const expected = component === 'dev-issuer' && !issuerWritten ? 'unavailable' : 'up';
      expect({ component, state: status[component].state, detail: status[component].detail }).toEqual({
        component,
        state: expected,
        detail: undefined,
      });
      if (expected === 'up') expect(status[component].pid).toEqual(expect.any(Number));
    }
  });
});
