// @ts-check
// One Lighthouse run for bench/lighthouse.py: the system Chromium, signed in with real cookies
// (set through puppeteer before the run, as a browser that signed in holds them, so the page's
// script can read the CSRF cookie), the report written as JSON.
// Usage: BENCH_COOKIES='[{"name": …, "value": …}]' CHROME_PATH=/usr/bin/chromium \
//   node run.mjs <url> <mobile|desktop> <report.json> [chromium flag …]
import { writeFile } from "node:fs/promises";

import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import puppeteer from "puppeteer-core";

const [url, preset, reportPath, ...chromeFlags] = process.argv.slice(2);
if (!url || !["mobile", "desktop"].includes(preset) || !reportPath) {
  console.error("usage: node run.mjs <url> <mobile|desktop> <report.json> [chromium flag …]");
  process.exit(2);
}
/** @type {{ name: string, value: string }[]} */
const cookies = JSON.parse(process.env.BENCH_COOKIES ?? "[]");

const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags });
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const page = await browser.newPage();
  if (cookies.length > 0) {
    await browser.setCookie(...cookies.map((cookie) => ({ ...cookie, domain: new URL(url).hostname, path: "/" })));
  }
  const flags = {
    output: /** @type {"json"} */ ("json"),
    onlyCategories: ["performance", "accessibility", "best-practices"],
  };
  // Mobile is Lighthouse's default settings; desktop its own preset.
  const result = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined, page);
  if (!result) throw new Error("Lighthouse returned no result");
  await writeFile(reportPath, /** @type {string} */ (result.report));
  await browser.disconnect();
} finally {
  chrome.kill();
}
