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
    await server.stop();
  };
}
