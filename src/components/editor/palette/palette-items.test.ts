import { describe, expect, it } from "vitest";
import { NODE_TYPES } from "@/engine/nodes/registry";
import { paletteGroups } from "./palette-items";

describe("paletteGroups", () => {
  it("lists every node type once, grouped in palette order", () => {
    const groups = paletteGroups("");
    expect(groups.map((group) => group.title)).toEqual(["Triggers", "Logic", "Data", "Flow control", "Actions", "People"]);
    const types = groups.flatMap((group) => group.items.map((item) => item.type));
    expect([...types].sort()).toEqual([...NODE_TYPES].sort());
    expect(groups[0]?.items.map((item) => item.label)).toEqual(["Manual trigger", "Webhook", "Schedule"]);
  });

  it("finds types by label, description or type, ignoring case", () => {
    const labels = (query: string) => paletteGroups(query).flatMap((group) => group.items.map((item) => item.label));
    expect(labels("http")).toEqual(["Webhook", "HTTP request"]);
    expect(labels("calls a URL")).toEqual(["HTTP request"]);
    expect(labels("APPROVE")).toEqual(["Approval"]);
    expect(labels("variable.get")).toEqual(["Get variable"]);
    expect(labels("sandbox javascript")).toEqual(["Code"]);
  });

  it("leaves out empty groups and shows nothing for no match", () => {
    expect(paletteGroups("calls a url").map((group) => group.title)).toEqual(["Actions"]);
    expect(paletteGroups("no such node")).toEqual([]);
  });
});
