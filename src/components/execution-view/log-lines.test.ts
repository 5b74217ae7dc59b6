import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTabs, LogLines } from "./json-block";

describe("a run's Logs", () => {
  it("is a tab named Logs next to Input / Output / Error", () => {
    const html = renderToStaticMarkup(
      createElement(DataTabs, {
        idBase: "run",
        empty: "none",
        sections: [
          { label: "Input", value: { a: 1 } },
          { label: "Logs", value: [{ level: "log", message: "hi" }] },
        ],
      }),
    );
    expect(html).toMatch(/role="tab"[^>]*>Input<\/button>/);
    expect(html).toMatch(/role="tab"[^>]*id="run-Logs-tab"[^>]*>Logs<\/button>/);
  });

  it("shows each line in monospace with its level; warn amber, error red", () => {
    const html = renderToStaticMarkup(
      createElement(LogLines, {
        lines: [
          { level: "log", message: "plain <b>" },
          { level: "warn", message: "careful" },
          { level: "error", message: "bad" },
        ],
      }),
    );
    expect(html).toContain("font-mono");
    expect(html).toContain("plain &lt;b&gt;");
    expect(html).toMatch(/text-amber-700[^"]*">warn</);
    expect(html).toMatch(/text-red-700[^"]*">error</);
  });
});
