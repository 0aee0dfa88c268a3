/** The wire inspector's strings, added to the app's i18n as the `wire` key of both locales. */
import { i18n } from "../i18n/index.js";

const en = {
  title: "Wire (ZMTP)",
  toggle: "Watch the wire",
  help: "Routes this link through a relay that decodes the ZMTP bytes both ways.",
  waitRun: "Watching starts when the graph runs.",
  watching: "Watching: the connecting socket now dials a relay, which dials {{address}}.",
  notTcp: "Only tcp links can be watched; this one uses {{transport}}.",
  empty: "No bytes yet: the next connection or message shows up here.",
  c2s: "connecting side to binding side",
  s2c: "binding side to connecting side",
  direction: "Direction",
  conn: "Connection",
  item: "Decoded item",
  field: "Field",
  value: "Value",
  hex: "Raw bytes",
  details: "Show the fields of {{summary}}",
  clear: "Clear",
  expandAll: "Expand all",
  collapseAll: "Collapse all",
  wide: "Wide view",
  closeWide: "Close the wide view",
  pcap: "Download .pcap",
  pcapFailed: "Could not download the capture: {{reason}}",
  pcapHint:
    "Wireshark and tshark decode it with packages/zmtp/wireshark/zmtp.lua (in Wireshark: Decode As… ZMTP on port {{port}}):",
  counts: "{{rows}} items",
  skipped: "{{count}} left out (link too busy)",
  evicted: "{{count}} older items dropped",
  table: "ZMTP items on link {{link}}",
};

const zhTW: typeof en = {
  title: "線路（ZMTP）",
  toggle: "觀察線路",
  help: "讓這條連線經過一個中繼，雙向解碼 ZMTP 位元組。",
  waitRun: "圖執行後開始觀察。",
  watching: "觀察中：連線端現在連到中繼，中繼再連到 {{address}}。",
  notTcp: "只有 tcp 連線可以觀察；這條使用 {{transport}}。",
  empty: "還沒有位元組：下一個連線或訊息會顯示在這裡。",
  c2s: "連線端 → 綁定端",
  s2c: "綁定端 → 連線端",
  direction: "方向",
  conn: "連線",
  item: "解碼項目",
  field: "欄位",
  value: "值",
  hex: "原始位元組",
  details: "顯示 {{summary}} 的欄位",
  clear: "清除",
  expandAll: "全部展開",
  collapseAll: "全部收合",
  wide: "寬版檢視",
  closeWide: "關閉寬版檢視",
  pcap: "下載 .pcap",
  pcapFailed: "無法下載擷取檔：{{reason}}",
  pcapHint:
    "Wireshark 或 tshark 可搭配 packages/zmtp/wireshark/zmtp.lua 開啟（在 Wireshark 中：對埠 {{port}} 使用 Decode As… ZMTP）：",
  counts: "{{rows}} 個項目",
  skipped: "略過 {{count}} 個（連線太忙）",
  evicted: "已丟棄 {{count}} 個較舊的項目",
  table: "連線 {{link}} 上的 ZMTP 項目",
};

i18n.addResourceBundle("en", "translation", { wire: en }, true, false);
i18n.addResourceBundle("zh-TW", "translation", { wire: zhTW }, true, false);
