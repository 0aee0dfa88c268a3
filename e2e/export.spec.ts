import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures.js";

/** Debian's python3 (with pyzmq): it unzips too, so the test needs no unzip tool. */
const PYTHON = "/usr/bin/python3";

/** Extracts a zip into a new folder; returns the folder and each entry's Unix mode. */
function unzip(file: string): { dir: string; modes: Record<string, number> } {
  const dir = mkdtempSync(path.join(tmpdir(), "zmqp-e2e-export-"));
  const r = spawnSync(
    PYTHON,
    [
      "-c",
      "import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nz.extractall(sys.argv[2])\nprint(json.dumps({i.filename: i.external_attr >> 16 for i in z.infolist()}))",
      file,
      dir,
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return { dir, modes: JSON.parse(r.stdout) as Record<string, number> };
}

test.describe("export the graph as programs", () => {
  test("Export → Python with compose: a zip of runnable programs that run", async ({
    playground: p,
  }, info) => {
    await p.goto({ template: "04-broker" });
    await expect(p.node("broker")).toBeVisible();
    await p.page.getByTestId("toolbar.export").click();
    await expect(p.page.getByRole("menu", { name: "Runnable programs" })).toBeVisible();
    await p.page.getByTestId("export.compose").check();
    await p.shot("export-menu-1280");
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.getByTestId("export.python").click(),
    ]);
    expect(download.suggestedFilename()).toBe("04-broker-python.zip");
    await expect(p.toasts.first()).toContainText("Downloaded 04-broker-python.zip");
    const zip = info.outputPath("export.zip");
    await download.saveAs(zip);

    const { dir, modes } = unzip(zip);
    const root = "04-broker-python";
    for (const f of [
      "README.md",
      "run_all.py",
      "requirements.txt",
      "graph.json",
      "compose.yaml",
      "Dockerfile",
      "nodes/broker.py",
      "nodes/client-1.py",
      "nodes/client-2.py",
      "nodes/worker-1.py",
      "nodes/worker-2.py",
    ])
      expect(modes[`${root}/${f}`], f).toBeDefined();
    // Programs keep their executable bit through the zip.
    expect(modes[`${root}/run_all.py`]! & 0o777).toBe(0o755);
    expect(modes[`${root}/README.md`]! & 0o777).toBe(0o644);
    expect(readFileSync(path.join(dir, root, "README.md"), "utf8")).toContain("docker compose up");

    // What was downloaded runs: the launcher, its programs, replies through the broker.
    const run = spawnSync(PYTHON, ["run_all.py", "--duration", "2", "--quiet"], {
      cwd: path.join(dir, root),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
      nodes: Record<string, { received: number }>;
    };
    expect(summary.nodes["client-1"]!.received).toBeGreaterThan(0);
    expect(
      summary.nodes["worker-1"]!.received + summary.nodes["worker-2"]!.received,
    ).toBeGreaterThan(0);
  });

  test("only the selected nodes, as Node programs, with the rest as playground.json", async ({
    playground: p,
  }, info) => {
    await p.goto({ template: "04-broker" });
    await p.node("broker").click();
    await p.page.getByTestId("toolbar.export").click();
    await p.page.getByTestId("export.selected").check();
    await expect(
      p.page.getByText("Only the selected node (the rest stays on the canvas)"),
    ).toBeVisible();
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.getByTestId("export.node").click(),
    ]);
    const zip = info.outputPath("half.zip");
    await download.saveAs(zip);
    const { dir, modes } = unzip(zip);
    const root = "04-broker-node";
    const programs = Object.keys(modes).filter((f) => f.startsWith(`${root}/nodes/`));
    expect(programs).toEqual([`${root}/nodes/broker.mjs`]);
    expect(modes[`${root}/run-all.mjs`]).toBeDefined();
    expect(modes[`${root}/package.json`]).toBeDefined();
    const canvas = JSON.parse(readFileSync(path.join(dir, root, "playground.json"), "utf8")) as {
      nodes: { id: string; role: string }[];
    };
    expect(canvas.nodes.find((n) => n.id === "broker")!.role).toBe("external");
  });

  test("the menu speaks Traditional Chinese", async ({ playground: p }) => {
    await p.page.setViewportSize({ width: 1440, height: 900 });
    await p.goto({ template: "09-pipeline" });
    await p.page.getByRole("combobox", { name: "Language" }).selectOption("zh-TW");
    await p.page.getByTestId("toolbar.export").click();
    await expect(p.page.getByRole("menu", { name: "可執行的程式" })).toBeVisible();
    await expect(p.page.getByTestId("export.python")).toContainText(
      "python3 run_all.py 會啟動所有節點",
    );
    await expect(p.page.getByText("加上 compose.yaml（Docker Compose、Kubernetes）")).toBeVisible();
    await p.shot("export-menu-zh-1440");
    const [download] = await Promise.all([
      p.page.waitForEvent("download"),
      p.page.getByTestId("export.node").click(),
    ]);
    expect(download.suggestedFilename()).toBe("09-pipeline-node.zip");
    await expect(p.toasts.first()).toContainText("已下載 09-pipeline-node.zip");
  });
});
