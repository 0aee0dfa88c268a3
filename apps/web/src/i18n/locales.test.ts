/**
 * The two locale files say the same things: same keys, no empty value, the same {{parameters}};
 * everything protocol, the engine and the page can put in front of a person has a string in both.
 * A new error code, diagnostic, role, behaviour param, event type… without a translation fails here.
 */
import {
  BEHAVIOURS,
  EN_TEXT,
  ERROR_CODES,
  NODE_ACTIONS,
  ROLE_KEYS,
  stringKeys,
  TIMELINE_ACTIONS,
  type BehaviourKey,
  type MessageKind,
  type PatternGroup,
  type RuntimeEventType,
} from "@zmqp/protocol";
import { describe, expect, it } from "vitest";
import type { BadgeKey } from "../canvas/nodeStatus.js";
import { pipeCardKey } from "../canvas/pipeCardKey.js";
import { fieldsOf } from "../panels/schemaFields.js";
import en from "./en.json";
import zhTW from "./zh-TW.json";

type Tree = { [key: string]: string | Tree };
const LOCALES = { en: en as Tree, "zh-TW": zhTW as Tree };

/** Every leaf as a dotted key. */
function flatten(tree: Tree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else flatten(v, `${prefix}${k}.`, out);
  }
  return out;
}

const FLAT = { en: flatten(LOCALES.en), "zh-TW": flatten(LOCALES["zh-TW"]) };

/** A key without its plural suffix: Chinese has one plural form (`_other`), English two. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

function has(locale: keyof typeof FLAT, key: string): boolean {
  const flat = FLAT[locale];
  return flat.has(key) || flat.has(`${key}_other`);
}

function expectBoth(keys: Iterable<string>) {
  for (const key of keys) {
    expect(has("en", key), `en.json lacks ${key}`).toBe(true);
    expect(has("zh-TW", key), `zh-TW.json lacks ${key}`).toBe(true);
  }
}

const params = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);

/**
 * Where the Chinese says more than the English, by design: a verbatim zeromq message is English
 * already, so the Chinese names the error first (the code passes both parameters).
 */
const EXTRA_PARAMS: Record<string, string[]> = {
  "detail.socketError": ["error"],
  "log.row.verbatimError": ["meaning"],
};

// Compile-time complete lists: `satisfies Record<Union, 1>` fails when a union member is added.
const EVENT_TYPES = {
  runtime: 1,
  status: 1,
  monitor: 1,
  message: 1,
  drop: 1,
  error: 1,
  counters: 1,
  timeline: 1,
  wire: 1,
  log: 1,
  control: 1,
  observed: 1,
  queues: 1,
  pipe: 1,
} satisfies Record<RuntimeEventType, 1>;
/** Shown elsewhere (node badges, counters, the wire table, attach's canvas), never as a log row. */
const NOT_LOGGED = new Set([
  "counters",
  "status",
  "wire",
  "observed",
  "control",
  // Shown on the links and nodes (gauges, the pipe state), not as log rows.
  "queues",
  "pipe",
]);
const KINDS = {
  request: 1,
  reply: 1,
  publish: 1,
  task: 1,
  result: 1,
  data: 1,
} satisfies Record<MessageKind, 1>;
const BADGES = {
  idle: 1,
  starting: 1,
  bound: 1,
  connected: 1,
  connecting: 1,
  waiting: 1,
  stuck: 1,
  retrying: 1,
  "gave-up": 1,
  held: 1,
  paused: 1,
  stopped: 1,
  killed: 1,
  error: 1,
  running: 1,
} satisfies Record<BadgeKey, 1>;
const GROUPS = {
  "request-reply": 1,
  "pub-sub": 1,
  pipeline: 1,
  raw: 1,
  outside: 1,
} satisfies Record<PatternGroup, 1>;
/** The engine's drop reasons (core.ts, teardown.ts, publisher.ts, the Lazy Pirate client). */
const DROP_REASONS = ["no-subscriber", "hwm", "unroutable", "timeout", "killed", "closed", "error"];
/** zeromq.js monitor event types (socket.events), and what raw TCP reports. */
const MONITOR_EVENTS = [
  "accept",
  "accept:error",
  "bind",
  "bind:error",
  "connect",
  "connect:delay",
  "connect:retry",
  "close",
  "close:error",
  "disconnect",
  "end",
  "handshake",
  "handshake:error:protocol",
  "handshake:error:auth",
  "handshake:error:other",
  "unknown",
];

describe("locale files", () => {
  it("have the same keys, plural forms aside", () => {
    const en = new Set([...FLAT.en.keys()].map(base));
    const zh = new Set([...FLAT["zh-TW"].keys()].map(base));
    expect(
      [...en].filter((k) => !zh.has(k)),
      "in en.json only",
    ).toEqual([]);
    expect(
      [...zh].filter((k) => !en.has(k)),
      "in zh-TW.json only",
    ).toEqual([]);
  });

  it("have no empty value, and each translation uses the same {{parameters}}", () => {
    for (const [key, value] of FLAT.en) {
      expect(value.trim(), `en ${key}`).not.toBe("");
      const zh = FLAT["zh-TW"].get(key) ?? FLAT["zh-TW"].get(`${base(key)}_other`);
      expect(zh?.trim(), `zh-TW ${key}`).toBeTruthy();
      // Chinese has one plural form: it says what English says in its `_other` form.
      const english = FLAT["zh-TW"].has(key) ? value : (FLAT.en.get(`${base(key)}_other`) ?? value);
      const want = [...new Set([...params(english), ...(EXTRA_PARAMS[key] ?? [])])].sort();
      expect([...new Set(params(zh ?? ""))].sort(), `parameters of ${key}`).toEqual(want);
    }
  });

  it("translate every phrase protocol, the engine and the gateway can return, with the same English", () => {
    for (const [key, english] of Object.entries(EN_TEXT)) {
      expect(FLAT.en.get(key), `en.json ${key} differs from protocol's text-en.ts`).toBe(english);
      expect(FLAT["zh-TW"].get(key), `zh-TW.json lacks ${key}`).toBeTruthy();
    }
  });

  it("give every full-pipe phrase of the engine a short form for the node card's one line", () => {
    const reasons = Object.keys(EN_TEXT).filter((k) => /^pipe\.(blocked|dropping)/.test(k));
    expect(reasons.length).toBeGreaterThan(0);
    for (const key of reasons) {
      const card = pipeCardKey(key);
      expectBoth([card]);
      const whole = EN_TEXT[key as keyof typeof EN_TEXT] as string;
      // The short form names only what the whole sentence has to give it.
      for (const p of params(FLAT.en.get(card) ?? "")) expect(params(whole)).toContain(p);
    }
  });

  it("explain every stable error code", () => {
    expectBoth(Object.values(ERROR_CODES).map((code) => `errors.${code}`));
  });

  it("name every role, pattern group, behaviour, param and option", () => {
    expectBoth(ROLE_KEYS.flatMap((r) => [`roles.${r}.label`, `roles.${r}.hint`]));
    expectBoth(Object.keys(GROUPS).map((g) => `groups.${g}`));
    for (const [behaviour, spec] of Object.entries(BEHAVIOURS)) {
      // The keys its definition says it needs (apps/gateway/test/behaviours.test.ts walks the
      // other parts of each behaviour).
      expectBoth(stringKeys(behaviour as BehaviourKey));
      for (const f of fieldsOf(spec.params)) {
        expectBoth([`params.${f.key}`]);
        if (f.help) {
          const key = `paramHelp.${behaviour}.${f.key}`;
          expect(FLAT.en.get(key), `en.json ${key} differs from the schema's description`).toBe(
            f.help,
          );
          expectBoth([key]);
        }
        if (f.kind === "enum") expectBoth(f.options.map((o) => `paramOptions.${f.key}.${o}`));
      }
    }
  });

  it("name every badge, action, event type, message kind, monitor event and drop reason", () => {
    expectBoth(Object.keys(BADGES).map((b) => `status.${b}`));
    expectBoth(NODE_ACTIONS.flatMap((a) => [`actions.${a}`, `actions.short.${a}`]));
    expectBoth(TIMELINE_ACTIONS.map((a) => `timelineActions.${a}`));
    const logged = Object.keys(EVENT_TYPES).filter((ty) => !NOT_LOGGED.has(ty));
    expectBoth(logged.flatMap((ty) => [`log.type.${ty}`, `log.types.${ty}`]));
    expectBoth(Object.keys(KINDS).map((k) => `log.kinds.${k}`));
    expectBoth(MONITOR_EVENTS.map((e) => `monitorEvents.${e}`));
    expectBoth(DROP_REASONS.map((r) => `dropReasons.${r}`));
    expectBoth(["log.runtimeStates.running", "log.runtimeStates.stopped"]);
  });

  it("hold every key the page's code asks for by name", () => {
    const sources = import.meta.glob(["../**/*.tsx", "../**/*.ts", "!../**/*.test.*"], {
      eager: true,
      query: "?raw",
      import: "default",
    }) as Record<string, string>;
    const asked = new Set<string>();
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z][\w-]*\.[\w.-]+)"/g)) asked.add(m[1]!);
    // Keys that phrases built in code point at (`{ key: "link.gone" }`).
    for (const text of Object.values(sources))
      for (const m of text.matchAll(/\bkey:\s*"([a-z][\w-]*\.[\w.-]+)"/g)) asked.add(m[1]!);
    expect(asked.size).toBeGreaterThan(100);
    expectBoth(asked);
  });
});
