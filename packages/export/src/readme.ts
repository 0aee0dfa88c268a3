/** README.md of an export: what each file is, how to run it, here and across machines. */
import { BEHAVIOUR_EXPORTS } from "./behaviours/index.js";
import { PROFILE_EXTERNAL, PROFILE_LATER } from "./compose.js";
import type { ExportLanguage } from "./export.js";
import { STOP_GRACE_S } from "./launcher-timing.js";
import type { ExportPlan, PlannedNode } from "./plan.js";

interface ReadmeInfo {
  name: string;
  graph: string;
  compose: boolean;
  partial: boolean;
}

const LANG = {
  python: {
    label: "Python (pyzmq)",
    ext: "py",
    install: `${"pip install -r requirements.txt".padEnd(38)} # or, on Debian: apt install python3-zmq`,
    run: "python3 run_all.py",
    one: (f: string) => `python3 nodes/${f}.py`,
    launcher: "run_all.py",
    deps: "requirements.txt",
  },
  node: {
    label: "Node.js (zeromq.js)",
    ext: "mjs",
    install: `${"npm install".padEnd(38)} # zeromq 6, prebuilt: no compiler needed`,
    run: "node run-all.mjs",
    one: (f: string) => `node nodes/${f}.mjs`,
    launcher: "run-all.mjs",
    deps: "package.json",
  },
} as const;

export function exportReadme(plan: ExportPlan, language: ExportLanguage, info: ReadmeInfo): string {
  const l = LANG[language];
  const programs = plan.exported.map((n) => nodeLine(n, l.ext));
  const sections = [
    `# ${info.graph}: ${l.label}`,
    `Exported from ZeroMQ Playground: one program per node of the graph, each doing what the node did on the canvas with the same sockets, addresses and options. They need only ${language === "python" ? "pyzmq" : "the zeromq package"}; nothing of the playground.`,
    "## Run it",
    code([
      l.install,
      `${l.run.padEnd(38)} # every node; Ctrl-C stops them all`,
      `${`${l.run} --duration 10`.padEnd(38)} # or stop after 10 seconds`,
    ]),
    `\`${l.launcher}\` starts the programs in the playground's order: the nodes that bind first, all at once, then the others once those are ready. It plays the graph's timeline, shows every program's output with its name in front, and stops them all on Ctrl-C or after \`--duration S\`. Its last line is one JSON summary of every program's counters, with \`ranMs\`, how long each ran; a program that does not stop within ${STOP_GRACE_S} s of being asked is killed, which the launcher says, and its entry is marked \`lost\`. \`--quiet\` shows only that line; \`--with-external\` also starts the programs standing in for external nodes.`,
    "Each program also runs alone, e.g. in a terminal of its own or on another machine:",
    code(plan.exported.slice(0, 3).map((n) => `${l.one(n.file)} [--duration S]`)),
    "Every program ends (Ctrl-C, SIGTERM or `--duration`) by printing one JSON line of counters: `node`, `sent`, `received`, and `peers` where the wire names the peer (a ROUTER reads the routing id each peer announces; a sink reads the worker's name at the end of each result). Compare them with the node's counters in the playground. Programs that send (clients, publishers, ventilators, hand-driven sockets, raw TCP) also send when you type a line and press Enter: an empty line sends the usual payload, a line in double quotes is read as JSON (`\"two\\nlines\"`).",
    "## The files",
    [
      `- \`${l.launcher}\`: the launcher.`,
      ...programs,
      `- \`${l.deps}\`: what the programs need.`,
      "- `graph.json`: the graph they came from; open it in the playground.",
      ...(info.partial
        ? [
            "- `playground.json`: the rest of the graph, with the exported nodes as external peers. Open it in the playground (Open…) and press Run while these programs run: the canvas talks to them and counts their messages as coming from outside.",
          ]
        : []),
      ...(info.compose
        ? [
            "- `compose.yaml`, `Dockerfile`, `.dockerignore`: the same programs as containers (below).",
          ]
        : []),
    ].join("\n"),
    ...timelineSection(plan, l.launcher),
    ...addressSection(plan),
    ...notesSection(plan),
    ...(info.compose ? composeSection(plan, info) : []),
  ];
  return `${sections.join("\n\n")}\n`;
}

const code = (lines: string[]) => ["```sh", ...lines, "```"].join("\n");

function nodeLine(n: PlannedNode, ext: string): string {
  const what = BEHAVIOUR_EXPORTS[n.key].summary(n);
  const label = n.title !== n.node.id ? ` (${n.title})` : "";
  const later = !n.external && !n.node.autostart ? " Starts when the timeline says so." : "";
  return `- \`nodes/${n.file}.${ext}\`: **${n.node.id}**${label}, ${what}.${later}`;
}

function timelineSection(plan: ExportPlan, launcher: string): string[] {
  if (plan.timeline.length === 0) return [];
  const rows = plan.timeline.map((s) => {
    const what =
      s.action === "send"
        ? `send${s.payload !== undefined ? ` ${JSON.stringify(s.payload)}` : ""} from ${s.node}`
        : `${s.action} ${s.node ?? s.link}`;
    return `- at ${s.atMs} ms: ${what}${s.note ? `. ${s.note}` : ""}`;
  });
  return [
    "## The timeline",
    `\`${launcher}\` plays the graph's steps, counted from the moment every program is up: start and stop are the program started or sent Ctrl-C, kill is SIGKILL (its counters die with it), pause and resume are SIGSTOP and SIGCONT, send is a line typed on its stdin.`,
    rows.join("\n"),
  ];
}

function addressSection(plan: ExportPlan): string[] {
  const rows: string[] = [];
  for (const n of plan.exported)
    for (const s of n.sockets) {
      for (const a of s.bind)
        rows.push(`| ${n.node.id}.${s.id} | ${s.type} | binds \`${a.local}\` | \`${s.bindEnv}\` |`);
      for (const a of s.connect)
        rows.push(
          `| ${n.node.id}.${s.id} | ${s.type} | connects to \`${a.local}\` | \`${s.connectEnv}\` |`,
        );
    }
  if (rows.length === 0) return [];
  return [
    "## Addresses",
    "Each address can be changed without touching the code: set the environment variable (several addresses separated by commas), e.g. to dial a server on another machine.",
    ["| socket | type | address | variable |", "| --- | --- | --- | --- |", ...rows].join("\n"),
  ];
}

function notesSection(plan: ExportPlan): string[] {
  const notes = [...plan.notes];
  if (
    plan.exported.some((n) =>
      n.sockets.some((s) => s.bind.some((a) => a.local.startsWith("ipc://"))),
    )
  )
    notes.push(
      "ipc:// addresses are socket files relative to the folder the programs run in (the launcher runs them here); programs on other machines cannot reach them.",
    );
  if (
    plan.exported.some((n) =>
      n.sockets.some((s) => s.bind.some((a) => /^tcp:\/\/(\*|0\.0\.0\.0):/.test(a.local))),
    )
  )
    notes.push(
      "Some sockets bind `tcp://*:PORT`, every interface of the machine: anyone who can reach the port can connect, and ZeroMQ's default NULL mechanism has no authentication or encryption. Run them on a network you trust (or use CURVE).",
    );
  if (notes.length === 0) return [];
  return ["## Worth knowing", notes.map((n) => `- ${n}`).join("\n")];
}

function composeSection(plan: ExportPlan, info: ReadmeInfo): string[] {
  const later = plan.exported.filter((n) => !n.external && !n.node.autostart);
  const external = plan.exported.filter((n) => n.external);
  return [
    "## Across machines: Docker Compose and Kubernetes",
    "`compose.yaml` runs every node as a service of its own, all from one image built by the `Dockerfile`. Inside the compose network each program binds `tcp://*:PORT` and dials its peers by service name (the environment variables above carry those addresses); the code is the same.",
    "```sh\ndocker compose up --build      # Ctrl-C stops every service; each prints its counters\ndocker compose down            # removes the containers and the network\n```",
    ...(later.length
      ? [
          `Services the graph starts later (${later.map((n) => `\`${n.service}\``).join(", ")}) are in the profile \`${PROFILE_LATER}\`: \`up\` leaves them out; start one when the lesson says, with \`docker compose up -d ${later[0]!.service}\`. The timeline's other steps are the launcher's only.`,
        ]
      : []),
    ...(external.length
      ? [
          `The external nodes' programs are in the profile \`${PROFILE_EXTERNAL}\`: \`docker compose --profile ${PROFILE_EXTERNAL} up\` includes them.`,
        ]
      : []),
    "**Kubernetes.** Convert the file with kompose (https://kompose.io): `kompose convert -f compose.yaml` writes a Deployment per service and a Service for each port it lists under `expose`, so the service names resolve inside the cluster as they do in compose. Build and push the image to a registry your cluster can pull from and set `image:` to it first; `kubectl apply -f .` then runs the graph. Kubernetes stops pods with SIGTERM, which the programs take as Ctrl-C.",
    "**What binding all interfaces exposes.** `tcp://*:PORT` inside a container listens on the container's own interfaces: every container on the same compose network (or pod in the cluster) can connect, and nothing on the host or beyond can, unless you publish the port (`ports:` in compose, a NodePort or LoadBalancer Service in Kubernetes). Once published, anyone who can reach the port can talk to the socket: ZeroMQ's default NULL mechanism has no authentication or encryption, a REP answers whoever asks and a worker that connects receives the clients' requests. That is the playground's `--allow-external` warning again; publish only on a network you trust, or use CURVE.",
    ...(info.partial
      ? [
          "This export holds only some of the graph's nodes: its services dial the others by service names that are not in this file. Edit those variables to the addresses where the rest of the graph runs.",
        ]
      : []),
  ];
}
