import { z } from 'zod';

/** POST /imports/appfolio?notifyTenants=true: the open orders it opens text their tenants. Default: nobody is texted. */
export const importQuery = z
  .object({
    notifyTenants: z
      .enum(['true', 'false'], { error: 'true or false' })
      .default('false')
      .transform((value) => value === 'true')
      .describe(
        "true: the open orders this import opens text their tenants as a tenant's own order would (confirmations, reminders, surveys); false (default): their tenants are never texted about them, and their visits go ahead without asking",
      ),
  })
  .strict();
