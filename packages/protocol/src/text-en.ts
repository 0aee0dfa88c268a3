/**
 * The English of every phrase protocol, the engine and the gateway can return, by key. The web's
 * `apps/web/src/i18n/en.json` holds the same strings under the same keys and `zh-TW.json` their
 * translation; a test keeps the three in step, so a key added here without a translation fails.
 * Templates use i18next's `{{name}}`; a parameter may itself be a phrase. A behaviour's own phrases
 * are written in its definition (behaviours.ts `phrases`) and merged in here.
 */
import { BEHAVIOUR_PHRASES, type BehaviourPhrases } from "./behaviour-strings.js";

const SHARED = {
  // What each stable error code means (the Run dialog, the event log, a failed socket).
  "errors.ZMQP_ERR_SCHEMA": "The document does not follow the graph format",
  "errors.ZMQP_ERR_DUPLICATE_ID": "Two things share one name",
  "errors.ZMQP_ERR_UNKNOWN_NODE": "A link names a node that does not exist",
  "errors.ZMQP_ERR_UNKNOWN_SOCKET": "A link names a socket that does not exist",
  "errors.ZMQP_ERR_BAD_ENDPOINT": "An address is not a valid endpoint",
  "errors.ZMQP_ERR_BAD_PORT": "A port is out of range",
  "errors.ZMQP_ERR_INCOMPATIBLE_SOCKETS": "These socket types cannot talk to each other",
  "errors.ZMQP_ERR_DUPLICATE_BIND": "Two sockets bind the same address",
  "errors.ZMQP_ERR_CONNECT_TO_NOTHING": "A link dials a socket that binds no address",
  "errors.ZMQP_ERR_EXTERNAL_BIND": "A bind other machines could reach",
  "errors.ZMQP_ERR_IPC_PATH": "An ipc name is not allowed",
  "errors.ZMQP_ERR_SELF_LINK": "A node is linked to itself",
  "errors.ZMQP_ERR_DUPLICATE_LINK": "Two links join the same two sockets",
  "errors.ZMQP_ERR_BINDING_DIALS": "A binding socket also dials a link",
  "errors.ZMQP_ERR_BAD_BEHAVIOUR": "A behaviour setting is invalid",
  "errors.ZMQP_ERR_UNCONNECTED": "A socket neither binds nor connects",
  "errors.ZMQP_ERR_LIMIT": "The graph is over a size limit",
  "errors.ZMQP_ERR_TIMELINE": "A timeline step is invalid",
  "errors.ZMQP_ERR_SOCKET_TYPE": "This node cannot have a socket of this type",
  "errors.ZMQP_ERR_ROUTING_ID": "A routing id is too long",
  "errors.ZMQP_ERR_TRANSPORT": "The playground cannot open this transport",
  "errors.ZMQP_ERR_IPV6": "IPv6 addresses are not supported",
  "errors.ZMQP_ERR_EXTERNAL_DIAL": "A link dials another machine",
  "errors.ZMQP_ERR_ADDRESS_IN_USE": "Address already in use",
  "errors.ZMQP_ERR_ADDRESS_NOT_AVAILABLE": "Address not available on this machine",
  "errors.ZMQP_ERR_TIMEOUT": "Timed out",
  "errors.ZMQP_ERR_STATE": "Not allowed in the socket's current state",
  "errors.ZMQP_ERR_UNREACHABLE": "Host unreachable",
  "errors.ZMQP_ERR_PROTOCOL": "Protocol error",
  "errors.ZMQP_ERR_HANDSHAKE": "The handshake failed",
  "errors.ZMQP_ERR_SOCKET": "Socket error",
  "errors.ZMQP_ERR_MALFORMED": "A peer sent a message this socket cannot read",
  "errors.ZMQP_ERR_TOO_LARGE": "A message is over the size limit",
  "errors.ZMQP_ERR_HANDSHAKE_MISMATCH": "A peer's handshake does not match this socket",
  "errors.ZMQP_ERR_QUEUE_FULL": "The socket's send queue is full",
  "errors.ZMQP_ERR_OVERLOADED": "More messages arrive than the playground can take",
  "errors.ZMQP_ERR_UNAUTHORIZED": "The session token is missing or wrong",
  "errors.ZMQP_ERR_FORBIDDEN": "Refused by the gateway's security checks",
  "errors.ZMQP_ERR_BAD_MESSAGE": "The gateway could not read the request",
  "errors.ZMQP_ERR_RATE_LIMITED": "Too many requests: slow down",
  "errors.ZMQP_ERR_NOT_RUNNING": "Nothing is running",
  "errors.ZMQP_ERR_INVALID_GRAPH": "The graph has errors",
  "errors.ZMQP_ERR_NOT_FOUND": "Not found",
  "errors.ZMQP_ERR_TOO_MANY_TABS": "Too many tabs are open on this gateway",
  "errors.ZMQP_ERR_TAB_BEHIND": "This tab is not reading what the gateway sends",
  "errors.ZMQP_ERR_CAPTURE_NOT_ALLOWED": "Capturing is not allowed on this gateway",
  "errors.ZMQP_ERR_CAPTURE_FAILED": "The capture failed",
  "errors.ZMQP_ERR_BAD_CAPTURE_FILE": "The capture file cannot be read",
  "errors.ZMQP_ERR_BAD_RECORDING": "The recording is damaged or is not a .zmqrec file",
  "errors.ZMQP_ERR_RECORDING_VERSION": "The recording was made by a newer playground",
  "errors.ZMQP_ERR_BAD_SHARE_LINK": "The share link is damaged",

  // What a schema check found wrong with one value (issue-phrase.ts).
  "issue.atLeast": "it must be at least {{min}}",
  "issue.moreThan": "it must be more than {{min}}",
  "issue.atMost": "it must be at most {{max}}",
  "issue.lessThan": "it must be less than {{max}}",
  "issue.tooShort": "it must have at least {{min}} characters",
  "issue.tooLong": "it must have at most {{max}} characters",
  "issue.tooFewItems": "it must have at least {{min}} items",
  "issue.tooManyItems": "it must have at most {{max}} items",
  "issue.notNumber": "it must be a number",
  "issue.notInteger": "it must be a whole number",
  "issue.notString": "it must be text",
  "issue.notBoolean": "it must be true or false",
  "issue.notArray": "it must be a list",
  "issue.notObject": "it must be an object",
  "issue.oneOf": "it must be one of: {{values}}",

  // validateGraph's findings.
  "diag.documentTooLarge": "the document is {{size}} bytes; the limit is {{limit}}",
  "diag.forbiddenKey": 'key "{{key}}" is not allowed in a graph document',
  "diag.schema": "{{path}}: {{detail}}",
  "diag.schemaDocument": "document: {{detail}}",
  "diag.duplicateNode": 'two nodes are named "{{id}}"',
  "diag.duplicateSocket": '{{node}} has two sockets named "{{socket}}"',
  "diag.duplicateLink": 'two links are named "{{id}}"',
  "diag.badParams": "{{node}}: {{path}}: {{detail}}",
  "diag.rawTcpBind": "{{node}}: a raw TCP client cannot bind; link it to a bound socket",
  "diag.badBind": "{{socket}}: {{reason}}",
  "diag.externalBind":
    "{{socket}} binds {{endpoint}}, reachable from other machines: bind 127.0.0.1, or start the gateway with --allow-external",
  "diag.duplicateBind":
    '{{socket}} binds {{endpoint}}, already bound by {{other}}: the second bind fails with "Address already in use"',
  "diag.unconnected":
    "{{socket}} neither binds nor connects: draw a link from it or give it an address",
  "diag.timelineNode": 'timeline step {{index}} names node "{{node}}", which does not exist',
  "diag.timelineLink": 'timeline step {{index}} names link "{{link}}", which does not exist',
  "diag.timelineNeedsLink": "timeline step {{index}} ({{action}}) needs a link",
  "diag.timelineNeedsNode": "timeline step {{index}} ({{action}}) needs a node",
  "diag.link": "link {{link}}: {{reason}}",
  "diag.socketType":
    "{{socket}} is a {{type}} socket, which a {{role}} node cannot run: use {{allowed}}",
  "diag.routingIdBytes":
    "{{socket}}: the routing id is {{bytes}} bytes in UTF-8; zeromq takes at most {{limit}}",
  "diag.ipv6":
    "{{socket}}: {{endpoint}} is an IPv6 address, which the playground's sockets do not open: use 127.0.0.1 (or a host name)",
  "diag.externalDial":
    "link {{link}} dials {{endpoint}}, on another machine: use a 127.0.0.1 address, or start the gateway with --allow-external",
  "diag.startFailed": "{{node}} did not start: {{error}}",

  // Why a link breaks a rule (link-rules.ts): in a document's findings and as you draw.
  "link.unknownNode": 'node "{{node}}" does not exist',
  "link.unknownSocket": 'node {{node}} has no socket "{{socket}}"',
  "link.self": "{{node}} cannot be linked to itself: link it to another node",
  "link.incompatible":
    "{{from}} cannot talk to {{to}}: ZeroMQ lets {{from}} pair only with {{peers}}",
  "link.bindsNothing":
    "{{socket}} ({{type}}) binds no address: a link goes from a connecting socket to a binding one",
  "link.endpointNotBound": "it dials {{endpoint}}, which {{socket}} does not bind",
  "link.bindsAddress":
    "{{socket}} ({{type}}) binds an address: draw the link from the connecting side",
  "link.already": "these two sockets are already linked",

  // parseEndpoint's reasons.
  "endpoint.notEndpoint":
    '"{{raw}}" is not an endpoint: write tcp://host:port, ipc://name or inproc://name',
  "endpoint.needsHostPort": '"{{raw}}" needs a host and a port, like tcp://127.0.0.1:5555',
  "endpoint.portRange": "port {{port}} is outside 1-65535 (zeromq would silently wrap it)",
  "endpoint.ipcName":
    'ipc name "{{name}}" must be a plain name (letters, digits, . _ -), no folders',
  "endpoint.inprocName": 'inproc name "{{name}}" must be letters, digits, . _ -',
  "endpoint.transport": 'transport "{{scheme}}" is not supported: use tcp, ipc or inproc',

  // Notes above the "connect from outside" snippets.
  "snippet.externalBinds":
    "The outside program binds this address; playground sockets linked to this node connect to it.",
  "snippet.ipcLocal": "ipc works for programs on this machine only.",
  "snippet.everyInterface":
    "Bound on every interface: from another machine, replace 127.0.0.1 with this machine's IP address.",
  "snippet.loopback":
    "Bound on loopback: only programs on this machine can connect (bind tcp://*:{{port}} with --allow-external to let other machines join).",

  // The one line under a node's badge (NodeStatus.detail).
  "detail.external": "runs outside the playground: connect your own program",
  "detail.invalidParams": "invalid params",
  "detail.socketFailed": "socket failed",
  "detail.socketError": "{{message}}",
  "detail.paused": "messages wait in zeromq, unread",
  "detail.pausedHolding": "holds 1 it read; the rest in zeromq",
  "detail.waitingStart": "waiting for a start",
  "detail.waitingReply": 'waiting for the reply to "{{body}}"',
  "detail.stuckForever":
    'waiting forever for the reply to "{{body}}": a plain REQ cannot send again (use lazyPirate)',
  "detail.stuckTimeout":
    'no reply to "{{body}}" in {{ms}} ms; a plain REQ cannot send again (use lazyPirate)',
  "detail.couldNotSend": 'could not send "{{body}}"',
  "detail.gaveUp": 'no reply to "{{body}}" after {{retries}} retries: gave up',
  "detail.retrying":
    'no reply in {{ms}} ms: new socket, resending "{{body}}" (retry {{attempt}}/{{retries}})',
  "detail.tcpConnected": "connected to {{address}}",
  "detail.tcpReceived": "received {{bytes}} B",
  "detail.tcpClosed": "connection closed",
  "detail.streamNone": "no connection",
  "detail.streamOne": "1 connection: {{ids}}",
  "detail.streamMany": "{{count}} connections: {{ids}}",

  // Notes the engine writes to the event log (`log` events).
  "note.reqBusy": "{{node}} is still waiting for a reply: a REQ cannot send twice",
  "note.routerNoPeer": "{{node}}: a ROUTER sends to a routing id; no peer has spoken yet",
  "note.subscribed": '{{node}} got a subscription to "{{topic}}"',
  "note.unsubscribed": '{{node}} lost a subscription to "{{topic}}"',
  "note.wireNoLink": 'no running link "{{link}}" to watch',
  "note.wireOpen": "link {{link}}: TCP connection {{conn}} through the relay open",
  "note.wireClosed": "link {{link}}: TCP connection {{conn}} through the relay closed",
  "note.wireWatching":
    "watching link {{link}}: {{node}} now dials the relay {{relay}}, which dials {{address}}",
  "note.wireStopped": "stopped watching link {{link}}: it dials its endpoint directly again",
  "note.noNode": 'no node "{{node}}" is running',
  "note.noLink": 'no link "{{link}}"',
  "note.cannotSendIdle": "{{node}} cannot send now: it is not running",
  "note.cannotSendReceiver": "{{node}} cannot send now: it only receives",
  "note.linkCut": "link {{link}} cut: {{socket}} disconnected",
  "note.linkRestored": "link {{link}} restored: {{socket}} reconnects",
  "note.stepFailed": "timeline step {{index}} failed: {{message}}",
  "note.stepHold": "step hold: every send waits for Next",
  "note.stepNext": "step next",
  "note.stepRelease": "step release",

  // Extra words on monitor events.
  "monitor.retryIn": "retry in {{ms}} ms",
  "monitor.outsidePeerOf": "outside peer of {{socket}}",
  "monitor.from": "from {{socket}}",
  "monitor.peerClosed": "the TCP peer closed its connection (zeromq reports {{error}})",

  // Engine error events whose wording is ours (others carry zeromq's own message).
  "error.sendTimeout":
    "send timed out after {{ms}} ms: no peer is ready to take it (or its queue is full)",
  "error.wireNotTcp": "only tcp links can be watched: {{address}} does not go through TCP",
  "error.notHex": '"{{text}}" is not hex bytes (write e.g. ff 00 7f)',
  "error.rawTcpDial": "a raw TCP client cannot dial {{address}}",
  "error.rawTcpNoLink": "link this client to a bound socket",

  // What a peer did wrong: the node drops it and keeps serving.
  "peer.noDelimiterRep":
    "a peer{{from}} sent a message without the empty delimiter a REP expects: it was dropped (a DEALER talking to a REP must send an empty frame first)",
  "peer.noDelimiterReq":
    "a peer{{from}} sent a reply without the empty delimiter a REQ expects, or one it was not asked for: it was dropped",
  "peer.receiveFailed":
    "a message from a peer{{from}} could not be read ({{error}}): it was dropped",
  "peer.repeated": "{{count}} more like this since the last report",
  "peer.withRepeats": "{{what}} ({{repeats}})",
  "peer.from": " (from {{address}})",
  "peer.tooLarge":
    "a peer{{from}} sent a message of {{size}} bytes; the limit is {{limit}}: it was dropped",
  "peer.mechanism":
    "a peer{{from}} offered a security mechanism other than NULL, the one this {{type}} uses (PLAIN or CURVE on one end only, or bytes that are not ZMTP): set up both ends alike",
  "peer.handshakeLeft":
    "a peer{{from}} left before the handshake finished: a socket type a {{type}} cannot talk to, or a program that does not speak ZMTP",
  "peer.handshakeError": "a peer{{from}} failed the handshake: {{error}}",
  "peer.overloaded":
    "more than {{limit}} messages a second arrive in the playground: {{count}} were dropped",

  // Caps on what the gateway keeps for a socket or a tab.
  "limit.sendQueue":
    "{{socket}}'s send queue is full (at most {{limit}} sends or {{bytes}} bytes wait, and no peer is taking them): this one was dropped",
  "limit.tabs": "{{limit}} tabs are open on this gateway already: close one and reload",
  "limit.tabBehind":
    "this tab stopped reading: more than {{limit}} bytes were waiting for it, so the gateway closed it",

  // Whether a socket's pipe is full (`pipe` events) and what a link holds (`queues` events).
  "pipe.blockedHwm":
    "blocked: the pipe to {{peer}} is full (high-water marks {{sendHwm}} + {{recvHwm}}): the send waits until it drains",
  "pipe.blockedNoPeer": "blocked: no peer is connected to take the message: the send waits",
  "pipe.blockedTimeout": "blocked: a send timed out after {{ms}} ms with the pipe full",
  "pipe.droppingHwm":
    "dropping: the pipe to {{peer}} is full (high-water marks {{sendHwm}} + {{recvHwm}}): new messages for it are lost",
  "pipe.droppingUnroutable":
    'dropping: no connected peer has routing id "{{id}}": with ROUTER_MANDATORY off, the message vanishes',
  "pipe.ok": "the pipe takes messages again",
  "pipe.tcpKernel":
    "over tcp the kernel's socket buffers hold more than the high-water marks: about {{count}} small messages were measured to fit on this machine",
} as const;

export const EN_TEXT = { ...SHARED, ...BEHAVIOUR_PHRASES } as typeof SHARED & BehaviourPhrases;
