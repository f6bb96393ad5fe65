/**
 * API keys from the command line, against DATABASE_URL:
 *   npm run keys -- create --role technician --technician 2 --name "Ray's phone"   (prints the secret, once)
 *   npm run keys -- list
 *   npm run keys -- revoke <id, public id or name>
 */
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { z } from 'zod';
import { createPool } from '../db/pool';
import { createApiKey, listApiKeys, revokeApiKey, ROLES, type ApiKeyRecord } from '../db/queries/apiKeys';
import { loadConfig } from '../runtime/config';

const USAGE = `usage:
  npm run keys -- create --role <${ROLES.join('|')}> --name "<name>" [--technician <id>]
  npm run keys -- list
  npm run keys -- revoke <id, public id or name>`;

const createOptions = z
  .object({
    name: z.string({ error: 'give --name' }).trim().min(1, 'give --name').max(200),
    role: z.enum(ROLES, { error: `--role is one of ${ROLES.join(', ')}` }),
    technician: z.coerce.number().int().positive().optional(),
  })
  .refine((o) => (o.role === 'technician') === (o.technician !== undefined), {
    message: 'a technician key needs --technician <id>, and only a technician key takes one',
    path: ['technician'],
  });

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '-');

function table(keys: ApiKeyRecord[]): string {
  const rows = [
    ['id', 'public id', 'name', 'role', 'technician', 'created', 'last used', 'revoked'],
    ...keys.map((k) => [
      String(k.id),
      k.publicId ?? '(chosen key)',
      k.name,
      k.role,
      k.technicianId === null ? '-' : String(k.technicianId),
      day(k.createdAt),
      day(k.lastUsedAt),
      day(k.revokedAt),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Runs one command; answers what to print. Throws with a message for the user on a mistake. */
export async function runKeysCommand(pool: Pool, argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'create': {
      const { values } = parseArgs({
        args: rest,
        options: { name: { type: 'string' }, role: { type: 'string' }, technician: { type: 'string' } },
        strict: true,
      });
      const parsed = createOptions.safeParse(values);
      if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
      const { name, role, technician } = parsed.data;
      const key = await createApiKey(pool, { name, role, technicianId: technician ?? null });
      return [
        `Created key ${key.id} (public id ${key.publicId}): "${key.name}", ${key.role}${key.technicianId === null ? '' : ` for technician ${key.technicianId}`}.`,
        'The secret, shown only now (only its hash is kept):',
        '',
        `  ${key.secret}`,
        '',
        'Send it as "Authorization: Bearer <secret>". Revoke it with: npm run keys -- revoke ' + key.id,
      ].join('\n');
    }
    case 'list': {
      if (rest.length > 0) throw new Error(USAGE);
      const keys = await listApiKeys(pool);
      return keys.length === 0 ? 'No API keys.' : table(keys);
    }
    case 'revoke': {
      if (rest.length !== 1) throw new Error(USAGE);
      const result = await revokeApiKey(pool, rest[0]!);
      if (!result.ok) throw new Error(result.reason);
      return `Revoked key ${result.key.id} ("${result.key.name}", ${result.key.role}): it is refused from now on.`;
    }
    default:
      throw new Error(USAGE);
  }
}

async function main(): Promise<void> {
  const pool = createPool(loadConfig().databaseUrl, 1);
  try {
    console.log(await runKeysCommand(pool, process.argv.slice(2)));
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
