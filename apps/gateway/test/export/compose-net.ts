/**
 * What Docker Compose would do with an exported compose.yaml, without a container runtime: each
 * service in a network namespace of its own on one bridge, the service names in each one's
 * /etc/hosts (`ip netns exec` mounts /etc/netns/NAME/hosts over it), and each service's command
 * run there with its environment. Addresses stay inside these namespaces (10.78.x.y).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parse } from "yaml";
import { PYTHON } from "./harness.js";

interface Service {
  command: string[];
  environment?: Record<string, string>;
  profiles?: string[];
}

export interface ComposeRun {
  /** The counters each service's program printed as it ended. */
  counters: Record<string, { node: string; sent: number; received: number; peers?: object }>;
  /** Each service's output lines. */
  lines: Record<string, string[]>;
  /** The environment each service got (from compose.yaml). */
  environment: Record<string, Record<string, string>>;
}

function ip(args: string[]): void {
  const r = spawnSync("ip", args, { encoding: "utf8", timeout: 10_000 });
  if (r.status !== 0)
    throw new Error(`ip ${args.join(" ")}: ${(r.stderr || r.error?.message || "").trim()}`);
}

/** The services `docker compose up` starts (none in a profile), as the file lists them. */
function composeServices(dir: string): Record<string, Service> {
  const doc = parse(readFileSync(path.join(dir, "compose.yaml"), "utf8")) as {
    services: Record<string, Service>;
  };
  return Object.fromEntries(Object.entries(doc.services).filter(([, s]) => !s.profiles?.length));
}

/**
 * Runs every service of `dir/compose.yaml` for `seconds`, then stops them the way
 * `docker compose stop` does with the file's stop_signal (SIGINT), and collects their counters.
 */
export async function runCompose(dir: string, seconds: number): Promise<ComposeRun> {
  const services = composeServices(dir);
  const id = String(process.pid % 100_000);
  const subnet = `10.78.${process.pid % 250}`;
  const bridge = `zcb${id}`;
  const names = Object.keys(services);
  const ns = (i: number) => `zc${id}s${i}`;
  const hosts = [
    "127.0.0.1 localhost",
    ...names.map((name, i) => `${subnet}.${i + 1} ${name}`),
  ].join("\n");
  const cleanup = () => {
    names.forEach((_, i) => {
      spawnSync("ip", ["netns", "del", ns(i)]);
      rmSync(`/etc/netns/${ns(i)}`, { recursive: true, force: true });
    });
    spawnSync("ip", ["link", "del", bridge]);
  };
  cleanup(); // leftovers of an interrupted run with the same pid
  const children: ChildProcess[] = [];
  try {
    ip(["link", "add", bridge, "type", "bridge"]);
    ip(["link", "set", bridge, "up"]);
    names.forEach((_, i) => {
      ip(["netns", "add", ns(i)]);
      ip(["link", "add", `zcv${id}x${i}`, "type", "veth", "peer", "name", "eth0", "netns", ns(i)]);
      ip(["link", "set", `zcv${id}x${i}`, "master", bridge, "up"]);
      ip(["-n", ns(i), "addr", "add", `${subnet}.${i + 1}/24`, "dev", "eth0"]);
      ip(["-n", ns(i), "link", "set", "eth0", "up"]);
      ip(["-n", ns(i), "link", "set", "lo", "up"]);
      mkdirSync(`/etc/netns/${ns(i)}`, { recursive: true });
      writeFileSync(`/etc/netns/${ns(i)}/hosts`, `${hosts}\n`);
    });
    const lines: ComposeRun["lines"] = {};
    const counters: ComposeRun["counters"] = {};
    const ready: Promise<void>[] = [];
    const ended: Promise<unknown>[] = [];
    names.forEach((name, i) => {
      const s = services[name]!;
      // The image's `python` and `node`: Debian's python3 with pyzmq, and this Node.
      const [exe, ...args] = s.command;
      const program = exe === "python" ? PYTHON : exe === "node" ? process.execPath : exe!;
      const child = spawn("ip", ["netns", "exec", ns(i), program, ...args], {
        cwd: dir, // the Dockerfile's WORKDIR holds a copy of this folder
        env: { ...process.env, PYTHONUNBUFFERED: "1", ...s.environment },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      lines[name] = [];
      let onReady = () => {};
      ready.push(new Promise((r) => (onReady = r)));
      createInterface({ input: child.stdout! }).on("line", (l) => {
        if (l.startsWith('{"node":')) counters[name] = JSON.parse(l);
        else {
          lines[name]!.push(l);
          onReady();
        }
      });
      ended.push(new Promise((r) => child.on("close", r)));
    });
    await Promise.race([
      Promise.all(ready),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("services did not start")), 20_000),
      ),
    ]);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    for (const c of children) c.kill("SIGINT");
    await Promise.all(ended);
    const environment = Object.fromEntries(names.map((n) => [n, services[n]!.environment ?? {}]));
    return { counters, lines, environment };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    cleanup();
  }
}
