import { parseArgs } from 'node:util';
import { AGENCIES, DEV_ISSUER_DEFAULTS, mintDevToken, ROLES, ROLES_BY_AGENCY, type Agency, type Role } from '@easi/auth';

// Mints a development bearer token signed with the dev issuer's key (<EASI_STATE_DIR>/dev-issuer).
// npm run token -- --agency police --role investigator [--role supervisor] [--sub S] [--name N] [--team T] [--ttl 8h]
// Prints only the token, so `TOKEN=$(npm run -s token -- ...)` works.

const USAGE = `usage: npm run token -- --agency <agency> --role <role> [--role <role>...] [--sub <staff id>] [--name <name>] [--team <team>] [--ttl <30s|15m|8h|7d>]

agencies and the roles each may hold:
${AGENCIES.map((agency) => `  ${agency.padEnd(15)} ${ROLES_BY_AGENCY[agency].join(', ')}`).join('\n')}

The token is signed with the key under $EASI_STATE_DIR/dev-issuer (default <repo>/.easi), issuer
$AUTH_ISSUER (default ${DEV_ISSUER_DEFAULTS.issuer}), audience $AUTH_AUDIENCE (default ${DEV_ISSUER_DEFAULTS.audience}).`;

class UsageError extends Error {}

const isAgency = (value: string): value is Agency => (AGENCIES as readonly string[]).includes(value);
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

type TokenRequest = { agency: Agency; roles: Role[]; subject?: string; name?: string; team?: string; expiresIn: string };

const parse = (argv: string[]): TokenRequest | 'help' => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        agency: { type: 'string' },
        role: { type: 'string', multiple: true },
        sub: { type: 'string' },
        name: { type: 'string' },
        team: { type: 'string' },
        ttl: { type: 'string', default: DEV_ISSUER_DEFAULTS.expiresIn },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    return 'help';
  }
  if (!values.agency) {
    throw new UsageError('--agency is required');
  }
  if (!isAgency(values.agency)) {
    throw new UsageError(`unknown agency "${values.agency}"; expected one of ${AGENCIES.join(', ')}`);
  }
  const agency = values.agency;
  const roles = values.role ?? [];
  if (roles.length === 0) {
    throw new UsageError(`at least one --role is required; ${agency} staff may hold ${ROLES_BY_AGENCY[agency].join(', ')}`);
  }
  for (const role of roles) {
    if (!isRole(role)) {
      throw new UsageError(`unknown role "${role}"; expected one of ${ROLES.join(', ')}`);
    }
    if (!ROLES_BY_AGENCY[agency].includes(role)) {
      throw new UsageError(
        `role "${role}" does not belong to agency ${agency}; ${agency} staff may hold ${ROLES_BY_AGENCY[agency].join(', ')}`,
      );
    }
  }
  if (!/^[1-9][0-9]*(s|m|h|d)$/.test(values.ttl)) {
    throw new UsageError(`--ttl must look like 30s, 15m, 8h or 7d, got "${values.ttl}"`);
  }
  return { agency, roles: roles.filter(isRole), subject: values.sub, name: values.name, team: values.team, expiresIn: values.ttl };
};

const main = async (): Promise<void> => {
  const request = parse(process.argv.slice(2));
  if (request === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  process.stdout.write(`${await mintDevToken(request)}\n`);
};

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`token: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
