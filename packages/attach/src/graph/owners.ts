/**
 * Who owns one end of a connection: a local process (pid and command line, from /proc) or, when
 * that is unknown (a remote host, a pcap file, a process that was gone before it was looked up),
 * just the address. Node and socket ids follow from it and must stay stable for a whole session.
 */
import type { ObservedProcess } from "@zmqp/protocol";
import type { Endpoint } from "../tcp/tracker.js";

export type Owner = { process: ObservedProcess } | { process?: undefined };

/** Graph ids allow letters, digits, `_ . -`: IPv6 colons become `_`. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, "_");
}

export function nodeIdFor(owner: Owner, end: Endpoint): string {
  if (owner.process) return `p${owner.process.pid}`;
  return `a${safe(end.ip)}-${end.port}`.slice(0, 64);
}

/** `python3 hello_rep.py` out of `/usr/bin/python3 /tmp/x/hello_rep.py --flag`: names, not paths. */
function shortCommand(command: string): string {
  const words = command.split(" ").filter(Boolean);
  const named = words.slice(0, 3).map((w) => (w.startsWith("-") ? w : (w.split("/").pop() ?? w)));
  const text = named.join(" ") + (words.length > 3 ? " …" : "");
  return text.slice(0, 60) || "?";
}

export function labelFor(owner: Owner, end: Endpoint): string {
  if (owner.process) return shortCommand(owner.process.command);
  return hostPort(end);
}

function hostPort(end: Endpoint): string {
  return end.ip.includes(":") ? `[${end.ip}]:${end.port}` : `${end.ip}:${end.port}`;
}

export function tcpAddress(end: Endpoint): string {
  return `tcp://${hostPort(end)}`;
}
