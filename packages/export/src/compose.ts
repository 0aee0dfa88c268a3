/**
 * `--compose`: compose.yaml (one service per node, one image for all), a Dockerfile and a
 * .dockerignore. Inside the compose network every program binds `tcp://*:PORT` and dials its
 * peers by service name; the environment carries those addresses, so the programs are unchanged.
 */
import type { ExportLanguage } from "./export.js";
import type { ExportPlan, PlannedNode } from "./plan.js";
import { toYaml, type YamlValue } from "./yaml.js";

/** Profiles of services `docker compose up` leaves out. */
export const PROFILE_LATER = "later";
export const PROFILE_EXTERNAL = "external";

export function composeFiles(
  plan: ExportPlan,
  language: ExportLanguage,
  name: string,
): Record<string, string> {
  return {
    "compose.yaml": composeYaml(plan, language, name),
    Dockerfile: dockerfile(language),
    ".dockerignore": "node_modules\n__pycache__\n*.pyc\n.git\n",
  };
}

/** The compose document as data (the YAML is written from it). */
function composeDocument(
  plan: ExportPlan,
  language: ExportLanguage,
  name: string,
): { [key: string]: YamlValue } {
  const image = `zmqp-${name}-${language}`.slice(0, 100);
  const services: { [key: string]: YamlValue } = {};
  for (const n of plan.exported) services[n.service] = service(n, language, image);
  return { name: projectName(name), services };
}

function service(n: PlannedNode, language: ExportLanguage, image: string): YamlValue {
  const environment: { [key: string]: string } = {};
  const expose = new Set<string>();
  for (const s of n.sockets) {
    if (s.bind.length) environment[s.bindEnv] = s.bind.map((a) => a.compose).join(",");
    if (s.connect.length) environment[s.connectEnv] = s.connect.map((a) => a.compose).join(",");
    for (const a of s.bind) {
      const port = /:(\d+)$/.exec(a.compose)?.[1];
      if (port) expose.add(port);
    }
  }
  const program = language === "python" ? `nodes/${n.file}.py` : `nodes/${n.file}.mjs`;
  const out: { [key: string]: YamlValue } = {
    build: ".",
    image,
    command: [language === "python" ? "python" : "node", program],
  };
  if (Object.keys(environment).length) out.environment = environment;
  // Container ports, for the other services (and for kompose's Kubernetes Services); nothing is
  // published on the host unless you add `ports:`.
  if (expose.size) out.expose = [...expose];
  // SIGINT is the programs' Ctrl-C: `docker compose stop` then lets each print its counters.
  out.stop_signal = "SIGINT";
  out.stop_grace_period = "5s";
  out.init = true;
  if (n.external) out.profiles = [PROFILE_EXTERNAL];
  else if (!n.node.autostart) out.profiles = [PROFILE_LATER];
  return out;
}

/** Compose project names are lowercase letters, digits, `_` and `-`, starting with a letter or digit. */
function projectName(name: string): string {
  const s = `zmqp-${name}`.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
  return /^[a-z0-9]/.test(s) ? s : `z${s}`;
}

function composeYaml(plan: ExportPlan, language: ExportLanguage, name: string): string {
  const doc = composeDocument(plan, language, name);
  const later = plan.exported.filter((n) => !n.external && !n.node.autostart).map((n) => n.service);
  const external = plan.exported.filter((n) => n.external).map((n) => n.service);
  return toYaml(doc, [
    `The graph as one service per node, exported from ZeroMQ Playground.`,
    "  docker compose up --build        run it (Ctrl-C stops it; docker compose down cleans up)",
    "  kompose convert -f compose.yaml  Kubernetes manifests from it (see README.md)",
    "Every program binds tcp://*:PORT inside its container and dials its peers by service name.",
    "Nothing is published on the host: add `ports:` to a service to reach it from outside, and",
    "mind that ZeroMQ's default (NULL) security lets anyone who reaches a port talk to it.",
    ...(later.length
      ? [
          `Not started by \`up\` (profile "${PROFILE_LATER}", the graph starts them later): ${later.join(", ")}.`,
        ]
      : []),
    ...(external.length
      ? [
          `Outside programs (profile "${PROFILE_EXTERNAL}", up --profile ${PROFILE_EXTERNAL}): ${external.join(", ")}.`,
        ]
      : []),
  ]);
}

function dockerfile(language: ExportLanguage): string {
  return language === "python"
    ? `# One image for every node of this export; compose.yaml runs each node's program in it.
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
`
    : `# One image for every node of this export; compose.yaml runs each node's program in it.
FROM node:20-slim
WORKDIR /app
COPY package.json .
RUN npm install --omit=dev --no-audit --no-fund
COPY . .
`;
}
