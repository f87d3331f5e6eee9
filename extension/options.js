// The options page: the instance's address and the access token, the permission to reach that
// one host, and a connection test that says in plain words what is wrong.
import { ApiProblem, callInstance, notJobTracker } from "./lib/api.js";
import { ext } from "./lib/browser.js";
import {
  SettingsProblem,
  checkToken,
  hasHostAccess,
  hostPattern,
  loadSettings,
  normaliseInstanceAddress,
  saveSettings,
} from "./lib/settings.js";

const form = document.getElementById("connection");
const addressInput = document.getElementById("instance-address");
const tokenInput = document.getElementById("access-token");
const testButton = document.getElementById("test-connection");
const outcome = document.getElementById("outcome");

init();

async function init() {
  const saved = await loadSettings();
  addressInput.value = saved.instanceOrigin ?? "";
  tokenInput.value = saved.token ?? "";
  form.addEventListener("submit", save);
  testButton.addEventListener("click", testSaved);
}

/** The typed settings, or null with each problem shown under its field. */
function readForm() {
  const fields = [
    [addressInput, normaliseInstanceAddress],
    [tokenInput, checkToken],
  ];
  const values = [];
  let firstProblem = null;
  for (const [input, check] of fields) {
    try {
      values.push(check(input.value));
      showFieldError(input, null);
    } catch (error) {
      if (!(error instanceof SettingsProblem)) throw error;
      showFieldError(input, error.message);
      firstProblem ??= input;
    }
  }
  if (firstProblem) {
    firstProblem.focus();
    return null;
  }
  const [instanceOrigin, token] = values;
  return { instanceOrigin, token };
}

function save(event) {
  event.preventDefault();
  const settings = readForm();
  if (!settings) return;
  // Asked for before anything is awaited: Firefox only shows the prompt during the click itself.
  const granted = ext.permissions.request({ origins: [hostPattern(settings.instanceOrigin)] });
  void finishSaving(settings, granted);
}

async function finishSaving(settings, granted) {
  let allowed = false;
  try {
    allowed = await granted;
  } catch (error) {
    report("problem", `The browser would not ask for access to ${settings.instanceOrigin}: ${error.message}`);
    return;
  }
  const previous = await loadSettings();
  await saveSettings(settings);
  addressInput.value = settings.instanceOrigin;
  if (previous.instanceOrigin && previous.instanceOrigin !== settings.instanceOrigin) {
    // Access to the old address is no longer needed: give it back.
    await ext.permissions.remove({ origins: [hostPattern(previous.instanceOrigin)] }).catch(() => {});
  }
  if (!allowed) {
    report(
      "problem",
      `Saved, but the extension may not reach ${settings.instanceOrigin} yet: press Save again and choose Allow.`,
    );
    return;
  }
  await testConnection(settings, "Saved. ");
}

async function testSaved() {
  const settings = readForm();
  if (!settings) return;
  const saved = await loadSettings();
  if (saved.instanceOrigin !== settings.instanceOrigin || saved.token !== settings.token) {
    report("problem", "Save these settings first, then test them.");
    return;
  }
  await testConnection(settings, "");
}

async function testConnection(settings, prefix) {
  if (!(await hasHostAccess(settings.instanceOrigin))) {
    report("problem", `${prefix}The extension may not reach ${settings.instanceOrigin} yet: press Save and choose Allow.`);
    return;
  }
  report("busy", `${prefix}Testing the connection to ${settings.instanceOrigin}…`);
  try {
    const meta = await callInstance(settings, "GET", "/api/meta", { timeoutMs: 15_000 });
    if (!Array.isArray(meta?.stages)) throw notJobTracker(settings.instanceOrigin);
    const me = await callInstance(settings, "GET", "/api/me", { timeoutMs: 15_000 });
    const canWrite = await tokenCanWrite(settings);
    if (!canWrite) {
      report(
        "problem",
        `${prefix}Connected as ${me.display_name}, but this token can only read, so the extension could not save jobs. Create one with read and write access in Job Tracker's Settings.`,
      );
      return;
    }
    report("ok", `${prefix}Connected to Job Tracker as ${me.display_name} (${me.email}). You can save jobs now.`);
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    report("problem", `${prefix}${error.message}`);
  }
}

/**
 * Whether the token may write. Nothing reports a token's own scope to the token, so this asks
 * to create an application with no fields: the server refuses a read-only token before it
 * looks at the body (403) and a writing one because the company and role are missing (422).
 * Nothing is ever created.
 */
async function tokenCanWrite(settings) {
  try {
    await callInstance(settings, "POST", "/api/applications", { body: {}, timeoutMs: 15_000 });
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 422) return true;
    if (error instanceof ApiProblem && error.status === 403) return false;
    throw error;
  }
  throw notJobTracker(settings.instanceOrigin); // Job Tracker never accepts an empty one
}

function showFieldError(input, message) {
  const errorLine = document.getElementById(`${input.id}-error`);
  errorLine.textContent = message ?? "";
  errorLine.hidden = !message;
  input.setAttribute("aria-invalid", message ? "true" : "false");
}

function report(tone, message) {
  outcome.hidden = false;
  outcome.dataset.tone = tone;
  outcome.textContent = message;
}
