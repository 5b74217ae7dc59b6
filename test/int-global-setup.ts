import pg from "pg";
import type { TestProject } from "vitest/node";
import { dropDatabase, prepareTemplate, startTestPostgres } from "./test-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgUrlTemplate: string;
    pgTemplateDb: string;
  }
}

/** Once per `vitest run`: a Postgres server and a migrated template database. */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  const template = await prepareTemplate(server);
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplateDb", template);
  project.provide("pgUrlTemplate", server.urlFor("__DB__"));
  return async () => {
    await dropDatabase(server.adminUrl, template);
    // Several runs may share the embedded server (two terminals, helpers, CI beside a developer): the
    // run that started it must not stop it under another run that is still going.
    if (!(await otherRunsInProgress(server.adminUrl))) await server.stop();
  };
}

/** True when another live test run's template (`sy_template_<pid>`) is on the server. */
async function otherRunsInProgress(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'sy\\_template\\_%'`);
    return rows.some(({ datname }) => {
      const pid = Number(datname.slice("sy_template_".length));
      if (!Number.isInteger(pid) || pid === process.pid) return false;
      try {
        process.kill(pid, 0); // throws when no such process
        return true;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
