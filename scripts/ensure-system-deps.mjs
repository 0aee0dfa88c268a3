#!/usr/bin/env node
// Installs the system packages the tests use, when they are missing: Debian's Chromium (Playwright
// cannot download its own browser here), python3-zmq (cross-language peers), tshark (pcap checks),
// tcpdump (zmqp attach captures with it) and a CJK font (the 繁體中文 screenshots).
// Needs root for apt-get; without it, says what to install and exits non-zero.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const wanted = [
  { pkg: "chromium", present: () => existsSync("/usr/bin/chromium") },
  {
    pkg: "python3-zmq",
    present: () => spawnSync("/usr/bin/python3", ["-c", "import zmq"]).status === 0,
  },
  { pkg: "tshark", present: () => existsSync("/usr/bin/tshark") },
  // A Traditional Chinese font, so screenshots of the 繁體中文 page show characters, not boxes.
  {
    pkg: "fonts-noto-cjk",
    present: () =>
      /\S/.test(spawnSync("fc-list", [":lang=zh-tw"], { encoding: "utf8" }).stdout ?? ""),
  },
  {
    pkg: "tcpdump",
    present: () => existsSync("/usr/bin/tcpdump") || existsSync("/usr/sbin/tcpdump"),
  },
  {
    pkg: "iproute2",
    present: () =>
      existsSync("/usr/sbin/ip") || existsSync("/usr/bin/ip") || existsSync("/sbin/ip"),
  },
];

const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
if (missing.length === 0) process.exit(0);

if (process.getuid?.() !== 0) {
  console.error(
    `Missing system packages: ${missing.join(" ")}. Install them with: sudo apt-get install -y ${missing.join(" ")}`,
  );
  process.exit(1);
}
console.log(`Installing system packages: ${missing.join(" ")}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
// tshark asks whether non-root users may capture; the noninteractive frontend takes the default (no).
execFileSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env });
