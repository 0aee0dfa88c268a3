-- A small ZMTP 3.0/3.1 dissector for Wireshark/tshark (Lua 5.2+), written for the ZeroMQ Playground.
-- Debian's Wireshark 4.0 has no built-in ZMTP dissector; load this one with
--   tshark -X lua_script:zmtp.lua -r capture.pcap -V
-- or copy it to ~/.local/lib/wireshark/plugins/. A stream that starts with a ZMTP 3 signature is
-- recognised on any port (a heuristic); "Decode As... ZMTP" (-d tcp.port==5555,zmtp) also works,
-- e.g. for a capture that starts after the greeting.
-- It decodes the greeting (signature, version, mechanism, as-server), commands (READY and its
-- properties, SUBSCRIBE, CANCEL, PING, PONG, ERROR) and message frames with MORE/LONG flags.
-- Streams that are not ZMTP 3 (a raw TCP peer of a STREAM socket) are shown as data.

local zmtp = Proto("zmtp", "ZeroMQ Message Transport Protocol")
local f = zmtp.fields
f.signature = ProtoField.bytes("zmtp.signature", "Signature")
f.version = ProtoField.string("zmtp.version", "Version")
f.mechanism = ProtoField.string("zmtp.mechanism", "Mechanism")
f.as_server = ProtoField.uint8("zmtp.as_server", "As-server")
f.flags = ProtoField.uint8("zmtp.flags", "Flags", base.HEX)
f.more = ProtoField.bool("zmtp.flags.more", "MORE", 8, nil, 0x01)
f.long = ProtoField.bool("zmtp.flags.long", "LONG", 8, nil, 0x02)
f.cmd = ProtoField.bool("zmtp.flags.command", "COMMAND", 8, nil, 0x04)
f.size = ProtoField.uint64("zmtp.size", "Size")
f.command = ProtoField.string("zmtp.command", "Command")
f.prop = ProtoField.string("zmtp.property", "Property")
f.topic = ProtoField.bytes("zmtp.topic", "Topic")
f.body = ProtoField.bytes("zmtp.body", "Body")
f.text = ProtoField.string("zmtp.text", "Text")
f.data = ProtoField.bytes("zmtp.raw", "Data (not ZMTP 3)")

local function printable(s)
  return s:match("^[%g ]*$") ~= nil
end

-- Length of the PDU starting at off, or nil when its header is not complete yet.
local function pdu_len(tvb, off)
  local avail = tvb:len() - off
  local b = tvb(off, 1):uint()
  if b == 0xff then return 64 end
  if bit32.band(b, 0xf8) ~= 0 then return -1 end
  if bit32.band(b, 0x02) ~= 0 then
    if avail < 9 then return nil end
    return 9 + tvb(off + 1, 8):uint64():tonumber()
  end
  if avail < 2 then return nil end
  return 2 + tvb(off + 1, 1):uint()
end

local function dissect_command(tvb, tree, info)
  local n = tvb(0, 1):uint()
  local name = tvb(1, n):string()
  tree:add(f.command, tvb(0, 1 + n), name)
  local at = 1 + n
  if name == "READY" or name == "INITIATE" then
    local props = {}
    while at < tvb:len() do
      local nl = tvb(at, 1):uint()
      local pn = tvb(at + 1, nl):string()
      local vl = tvb(at + 1 + nl, 4):uint()
      local pv = vl > 0 and tvb(at + 5 + nl, vl):string() or ""
      tree:add(f.prop, tvb(at, 5 + nl + vl), pn .. ": " .. pv)
      props[#props + 1] = pn .. "=" .. pv
      at = at + 5 + nl + vl
    end
    info[#info + 1] = name .. " " .. table.concat(props, " ")
  elseif (name == "SUBSCRIBE" or name == "CANCEL") then
    if at < tvb:len() then tree:add(f.topic, tvb(at)) end
    info[#info + 1] = name .. (at < tvb:len() and (" " .. tvb(at):string()) or " (all)")
  else
    if at < tvb:len() then tree:add(f.body, tvb(at)) end
    info[#info + 1] = name
  end
end

local function dissect_pdu(tvb, pinfo, tree, info)
  local b = tvb(0, 1):uint()
  if b == 0xff then
    local t = tree:add(zmtp, tvb, "ZMTP greeting")
    t:add(f.signature, tvb(0, 10))
    local v = tvb(10, 1):uint() .. "." .. tvb(11, 1):uint()
    t:add(f.version, tvb(10, 2), v)
    t:add(f.mechanism, tvb(12, 20), tvb(12, 20):stringz())
    t:add(f.as_server, tvb(32, 1))
    info[#info + 1] = "Greeting " .. v .. " " .. tvb(12, 20):stringz()
    return
  end
  local long = bit32.band(b, 0x02) ~= 0
  local hl = long and 9 or 2
  local is_cmd = bit32.band(b, 0x04) ~= 0
  local t = tree:add(zmtp, tvb, is_cmd and "ZMTP command" or "ZMTP frame")
  local ft = t:add(f.flags, tvb(0, 1))
  ft:add(f.more, tvb(0, 1))
  ft:add(f.long, tvb(0, 1))
  ft:add(f.cmd, tvb(0, 1))
  t:add(f.size, tvb(1, hl - 1), UInt64(tvb:len() - hl))
  if is_cmd then
    dissect_command(tvb(hl):tvb(), t, info)
  elseif tvb:len() > hl then
    local body = tvb(hl)
    t:add(f.body, body)
    local s = body:string()
    if printable(s) then t:add(f.text, body, s) end
    info[#info + 1] = "Frame" .. (bit32.band(b, 1) ~= 0 and "+" or "") .. " " .. s:sub(1, 40)
  else
    info[#info + 1] = "Frame" .. (bit32.band(b, 1) ~= 0 and "+" or "") .. " (empty)"
  end
end

local last_packet = -1

function zmtp.dissector(tvb, pinfo, tree)
  local off, len = 0, tvb:len()
  local info = {}
  while off < len do
    local need = pdu_len(tvb, off)
    if need == nil then
      pinfo.desegment_offset = off
      pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
      break
    end
    if need < 0 then
      -- Not ZMTP 3 from here on (raw TCP, or garbage): show the bytes and stop.
      tree:add(zmtp, tvb(off), "Not ZMTP 3"):add(f.data, tvb(off))
      off = len
      break
    end
    if off + need > len then
      pinfo.desegment_offset = off
      pinfo.desegment_len = off + need - len
      break
    end
    dissect_pdu(tvb(off, need):tvb(), pinfo, tree, info)
    off = off + need
  end
  pinfo.cols.protocol = "ZMTP"
  if #info > 0 then
    -- Wireshark may call us twice for one packet (a reassembled PDU, then the rest): append then.
    local text = table.concat(info, ", ")
    if last_packet == pinfo.number then
      pinfo.cols.info:append(", " .. text)
    else
      pinfo.cols.info = text
    end
    last_packet = pinfo.number
  end
  -- Claim the whole buffer: returning fewer bytes while asking for reassembly trips a TCP assertion.
  return len
end

DissectorTable.get("tcp.port"):add_for_decode_as(zmtp)

-- Without "Decode As": a TCP stream whose first bytes are a ZMTP 3 signature (ff, 8 bytes, then
-- a byte with bit 0 set) is taken as ZMTP, and the whole conversation sticks to this dissector.
local function heuristic(tvb, pinfo, tree)
  if tvb:len() < 10 then return false end
  if tvb(0, 1):uint() ~= 0xff or bit32.band(tvb(9, 1):uint(), 1) ~= 1 then return false end
  pinfo.conversation = zmtp
  zmtp.dissector(tvb, pinfo, tree)
  return true
end
zmtp:register_heuristic("tcp", heuristic)
