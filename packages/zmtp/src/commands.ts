/**
 * Reads a command body (RFC 23 §command: name length, name, data) into fields. Known commands get
 * their data split further: READY/INITIATE properties, ERROR reason, SUBSCRIBE/CANCEL topic (RFC 37),
 * PING ttl + context, PONG context. Unknown or malformed data is shown as one `data` field.
 */
import { ascii, hex, printable, readUint } from "./bytes.js";
import type { ZmtpField, ZmtpItem } from "./types.js";

type CommandDetails = Pick<
  ZmtpItem,
  "command" | "properties" | "subscription" | "summary" | "fields" | "text"
>;

function field(
  name: string,
  value: string,
  bytes: Uint8Array,
  at: number,
  length: number,
  base: number,
): ZmtpField {
  return { name, value, offset: base + at, length, hex: hex(bytes.subarray(at, at + length)) };
}

/** Shows a value as text when printable, else as hex. */
function show(bytes: Uint8Array): string {
  const t = printable(bytes);
  return t !== undefined ? JSON.stringify(t) : `0x${hex(bytes).replace(/ /g, "")}`;
}

/** Properties: name length (1 B), name, value length (4 B BE), value; repeated to the end. */
function properties(
  body: Uint8Array,
  at: number,
  base: number,
  fields: ZmtpField[],
): Record<string, string> | null {
  const props: Record<string, string> = {};
  while (at < body.length) {
    const nameLen = body[at]!;
    if (at + 1 + nameLen + 4 > body.length) return null;
    const name = ascii(body.subarray(at + 1, at + 1 + nameLen));
    const valueLen = readUint(body, at + 1 + nameLen, 4);
    const valueAt = at + 1 + nameLen + 4;
    if (valueAt + valueLen > body.length) return null;
    const raw = body.subarray(valueAt, valueAt + valueLen);
    const value = printable(raw) ?? `0x${hex(raw).replace(/ /g, "")}`;
    // A property name such as "constructor" must not reach an object's prototype.
    if (!(name in Object.prototype)) props[name] = value;
    fields.push(field("property-name", name, body, at, 1 + nameLen, base));
    fields.push(field(name, value, body, at + 1 + nameLen, 4 + valueLen, base));
    at = valueAt + valueLen;
  }
  return props;
}

/**
 * `body` is the whole command body; `base` its stream offset. Never throws: malformed data
 * becomes a `data` field and a summary that says so.
 */
export function describeCommand(body: Uint8Array, base: number): CommandDetails {
  const fields: ZmtpField[] = [];
  if (body.length === 0)
    return { command: "", summary: "command with an empty body (malformed)", fields };
  const nameLen = body[0]!;
  if (1 + nameLen > body.length) {
    fields.push(field("data", show(body), body, 0, body.length, base));
    return { command: "", summary: "command name longer than its body (malformed)", fields };
  }
  const name = ascii(body.subarray(1, 1 + nameLen));
  fields.push(field("name-length", String(nameLen), body, 0, 1, base));
  fields.push(field("name", name, body, 1, nameLen, base));
  const at = 1 + nameLen;
  const data = body.subarray(at);
  const rest = () => {
    if (data.length > 0) fields.push(field("data", show(data), body, at, data.length, base));
  };

  switch (name) {
    case "READY":
    case "INITIATE": {
      const props = properties(body, at, base, fields);
      if (!props) {
        rest();
        return { command: name, summary: `${name} (malformed properties)`, fields };
      }
      const list = Object.entries(props).map(([k, v]) => `${k}=${v}`);
      return { command: name, properties: props, summary: [name, ...list].join(" "), fields };
    }
    case "SUBSCRIBE":
    case "CANCEL": {
      const topic = printable(data) ?? `0x${hex(data).replace(/ /g, "")}`;
      fields.push(field("topic", JSON.stringify(topic), body, at, data.length, base));
      const action = name === "SUBSCRIBE" ? "subscribe" : "cancel";
      return {
        command: name,
        subscription: { action, topic, form: "command" },
        summary: `${name} ${JSON.stringify(topic)}`,
        fields,
      };
    }
    case "PING": {
      if (data.length < 2) {
        rest();
        return { command: name, summary: "PING (no ttl, malformed)", fields };
      }
      const ttl = readUint(data, 0, 2);
      fields.push(field("ttl", `${ttl} (${ttl / 10} s)`, body, at, 2, base));
      const ctx = data.subarray(2);
      if (ctx.length > 0) fields.push(field("context", show(ctx), body, at + 2, ctx.length, base));
      return { command: name, summary: `PING ttl ${ttl / 10} s context ${show(ctx)}`, fields };
    }
    case "PONG": {
      if (data.length > 0) fields.push(field("context", show(data), body, at, data.length, base));
      return { command: name, summary: `PONG context ${show(data)}`, fields };
    }
    case "ERROR": {
      const len = data[0] ?? 0;
      const reason = ascii(data.subarray(1, 1 + len));
      fields.push(field("reason", reason, body, at, data.length, base));
      return { command: name, summary: `ERROR ${JSON.stringify(reason)}`, fields };
    }
    default:
      rest();
      return { command: name, summary: `${name} (${data.length} B of data)`, fields };
  }
}

/**
 * CURVE (RFC 26) encrypts READY's and INITIATE's metadata and every message (a MESSAGE command:
 * nonce, then a box of flags + body + 16-byte MAC). Their names are clear, their data is not:
 * reading properties out of ciphertext would invent them, so only the name and sizes are shown.
 */
export function describeCurveCommand(body: Uint8Array, base: number): CommandDetails {
  const nameLen = body[0] ?? 0;
  const name = ascii(body.subarray(1, 1 + nameLen));
  if (name !== "READY" && name !== "INITIATE" && name !== "MESSAGE")
    return describeCommand(body, base);
  const fields: ZmtpField[] = [];
  fields.push(field("name-length", String(nameLen), body, 0, 1, base));
  fields.push(field("name", name, body, 1, nameLen, base));
  const at = 1 + nameLen;
  const data = body.length - at;
  if (data > 0) fields.push(field("encrypted", `${data} B (CURVE box)`, body, at, data, base));
  if (name === "MESSAGE") {
    // 8-byte short nonce, then flags (1) + body + MAC (16) inside the box.
    const plain = Math.max(0, data - 8 - 1 - 16);
    return { command: name, summary: `MESSAGE encrypted, ${plain} B of body (CURVE)`, fields };
  }
  return { command: name, summary: `${name} (metadata encrypted, CURVE)`, fields };
}

/**
 * PLAIN (RFC 24) sends the password in clear in HELLO: the username is shown, the password only
 * by its length, neither as text nor as hex (a wire view is often shared on screen).
 */
export function describePlainCommand(body: Uint8Array, base: number): CommandDetails {
  const nameLen = body[0] ?? 0;
  const name = ascii(body.subarray(1, 1 + nameLen));
  if (name !== "HELLO") return describeCommand(body, base);
  const at = 1 + nameLen;
  const userLen = body[at] ?? 0;
  const passAt = at + 1 + userLen;
  const passLen = body[passAt] ?? 0;
  if (passAt + 1 + passLen > body.length)
    return { command: name, summary: "HELLO (PLAIN, malformed)", fields: [] };
  const user = ascii(body.subarray(at + 1, passAt));
  const fields: ZmtpField[] = [
    field("name-length", String(nameLen), body, 0, 1, base),
    field("name", name, body, 1, nameLen, base),
    field("username", JSON.stringify(user), body, at, 1 + userLen, base),
    {
      name: "password",
      value: `${passLen} B, not shown`,
      offset: base + passAt,
      length: 1 + passLen,
      hex: "",
    },
  ];
  return {
    command: name,
    summary: `HELLO username ${JSON.stringify(user)}, password not shown (PLAIN)`,
    fields,
  };
}
