// Where the extension keeps the instance's address and the access token, and how it checks them.
import { ext } from "./browser.js";

// storage.local, not storage.sync: the token must not travel to other devices through the
// browser vendor's sync service.
const KEYS = ["instanceOrigin", "token"];
const TOKEN_SHAPE = /^jtpat_[A-Za-z0-9_-]{20,200}$/;

export class SettingsProblem extends Error {}

/** The address a person typed, as the origin the extension talks to ("https://jobs.example.org"). */
export function normaliseInstanceAddress(typed) {
  let address = typed.trim();
  if (!address) {
    throw new SettingsProblem("Enter your Job Tracker's address, like https://jobs.example.org.");
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) address = `https://${address}`;
  let url;
  try {
    url = new URL(address);
  } catch {
    throw new SettingsProblem(
      "That is not a web address. Copy it from your browser's address bar while Job Tracker is open.",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SettingsProblem("The address must start with https:// (or http:// on your own computer or network).");
  }
  if (url.username || url.password) {
    throw new SettingsProblem("Leave any name and password out of the address; the token signs you in.");
  }
  if (!url.hostname) {
    throw new SettingsProblem("The address needs a host name, like jobs.example.org.");
  }
  return url.origin;
}

export function checkToken(typed) {
  const token = typed.trim();
  if (!token) {
    throw new SettingsProblem(
      "Paste an access token. Create one in Job Tracker under Settings → Browser extension.",
    );
  }
  if (!TOKEN_SHAPE.test(token)) {
    throw new SettingsProblem(
      "That is not a Job Tracker access token: they start with jtpat_. Copy it again from Settings.",
    );
  }
  return token;
}

/** The match pattern for the one host the extension asks to reach. */
export function hostPattern(origin) {
  return `${origin}/*`;
}

/** {instanceOrigin, token}, either possibly undefined. */
export async function loadSettings() {
  return ext.storage.local.get(KEYS);
}

export async function saveSettings({ instanceOrigin, token }) {
  await ext.storage.local.set({ instanceOrigin, token });
}

export function isConfigured(settings) {
  return Boolean(settings.instanceOrigin && settings.token);
}

export async function hasHostAccess(origin) {
  return ext.permissions.contains({ origins: [hostPattern(origin)] });
}
