/**
 * How the tests and benchmarks launch a browser: Debian's Chromium (Playwright cannot download its
 * own here), with the flags that keep it quiet on a machine with no network but loopback.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
