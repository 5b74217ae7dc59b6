import { describe, expect, it } from "vitest";
import pg from "pg";
import { readFileSync } from "node:fs";
import { openTestDatabase } from "./database";

/**
 * The migrations are hand-written SQL (no Prisma engines offline), so check
 * them against schema.prisma: every model's every scalar field must be a
 * column of its table, and no table may have a column the schema lacks.
 */
describe("migrations match schema.prisma", () => {
  it("has exactly the columns the Prisma models declare", async () => {
    const { prisma } = openTestDatabase();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const models = scalarFieldsBySchemaModel();
      expect(models.length).toBeGreaterThan(5);
      for (const model of models) {
        const expected = [...model.fields].sort();
        const { rows } = await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
          [model.name],
        );
        expect({ model: model.name, columns: rows.map((r) => r.column_name).sort() }).toEqual({ model: model.name, columns: expected });
      }
      // And Prisma can read every model (types line up).
      for (const model of models) {
        const delegate = (prisma as unknown as Record<string, { findFirst(): Promise<unknown> }>)[model.name[0]!.toLowerCase() + model.name.slice(1)];
        await expect(delegate!.findFirst()).resolves.toBeNull();
      }
    } finally {
      await client.end();
    }
  });
});

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

/** Models and their scalar fields, read from schema.prisma (the schema has no @map/@@map). */
function scalarFieldsBySchemaModel(): Array<{ name: string; fields: string[] }> {
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name, body]) => ({
    name: name!,
    fields: body!
      .split("\n")
      .map((line) => line.trim().match(/^(\w+)\s+(\w+)/))
      .filter((m): m is RegExpMatchArray => m !== null && SCALARS.has(m[2]!))
      .map((m) => m[1]!),
  }));
}
