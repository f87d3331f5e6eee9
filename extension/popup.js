// The toolbar popup: read the posting in the tab, let the person check what Job Tracker found,
// then save it (or say it is already tracked).
import { ApiProblem, callInstance } from "./lib/api.js";
import { ext } from "./lib/browser.js";
import { CAPTURE_LIMITS, collectPosting } from "./lib/collect.js";
import { hasHostAccess, isConfigured, loadSettings } from "./lib/settings.js";

// Extraction reads the whole page on the server; saving is a single row.
const CAPTURE_TIMEOUT_MS = 45_000;
const SAVE_TIMEOUT_MS = 20_000;
const TEXT_FIELDS = ["company", "role", "location", "salary_currency", "job_url", "job_description"];
const CHOICE_FIELDS = ["work_mode", "salary_period", "employment_type"];
const NUMBER_FIELDS = ["salary_min", "salary_max"];
const DATE_FIELDS = ["deadline", "posted_on"];
const FORM_FIELDS = [...TEXT_FIELDS, ...CHOICE_FIELDS, ...NUMBER_FIELDS, ...DATE_FIELDS];

const element = (id) => document.getElementById(id);
const form = element("posting");
let settings = null;
let capturedFrom = null; // what the save records as the application's source

element("open-options").addEventListener("click", () => ext.runtime.openOptionsPage());
element("try-again").addEventListener("click", () => void start());
form.addEventListener("submit", (event) => void save(event));
void start();

async function start() {
  show({ message: ["busy", "Reading the page…"] });
  settings = await loadSettings();
  if (!isConfigured(settings)) {
    show({
      message: ["problem", "Connect the extension to your Job Tracker first: give it the address and an access token in its options."],
      options: true,
    });
    return;
  }
  if (!(await hasHostAccess(settings.instanceOrigin))) {
    show({
      message: ["problem", `The extension may not reach ${settings.instanceOrigin} yet. Open its options, press Save and choose Allow.`],
      options: true,
    });
    return;
  }
  let page;
  try {
    page = await readPosting(await postingTabId());
  } catch {
    show({
      message: ["problem", "This page can't be read. Browsers keep their own pages and extension stores closed to extensions: open the job posting in a tab and try again."],
      retry: true,
    });
    return;
  }
  show({ message: ["busy", "Finding the job's details…"] });
  let capture;
  try {
    capture = await callInstance(settings, "POST", "/api/capture", { body: page, timeoutMs: CAPTURE_TIMEOUT_MS });
  } catch (error) {
    showProblem(error);
    return;
  }
  capturedFrom = capture.board ?? hostOf(page.url);
  if (capture.duplicate) {
    showDuplicate(capture.duplicate);
    return;
  }
  fillForm(capture.fields ?? {}, page.url);
  showNotes(capture.notes ?? []);
  show({ message: ["ok", foundSummary(capture.fields ?? {})], form: true });
  // Where the person most likely has to type: the first required field left empty.
  const firstEmpty = ["company", "role"].map(element).find((input) => !input.value);
  (firstEmpty ?? element("company")).focus();
}

/**
 * The tab to read. The popup normally reads the active tab of its window (the click on the
 * toolbar button grants activeTab for it). `?tab=<id>` names another one: used when the popup
 * is opened as a page of its own, where the active tab would be the popup itself.
 */
async function postingTabId() {
  const named = Number.parseInt(new URLSearchParams(location.search).get("tab") ?? "", 10);
  if (Number.isInteger(named) && named >= 0) return named;
  const [active] = await ext.tabs.query({ active: true, currentWindow: true });
  return active.id;
}

async function readPosting(tabId) {
  const [injection] = await ext.scripting.executeScript({
    target: { tabId },
    func: collectPosting,
    args: [CAPTURE_LIMITS],
  });
  if (!injection?.result) throw new Error("the page gave nothing back");
  return injection.result;
}

function fillForm(fields, pageUrl) {
  for (const name of FORM_FIELDS) {
    const found = fields[name];
    element(name).value = String(found?.value ?? "");
    showFieldError(name, null);
    markAiFilled(name, found?.source === "ai");
  }
  if (!element("job_url").value) element("job_url").value = pageUrl;
}

/** A model guessed this field (no parser found it): say so, so the person checks it. */
function markAiFilled(name, byAi) {
  const input = element(name);
  let hint = element(`${name}-ai`);
  if (!hint && byAi) {
    hint = document.createElement("p");
    hint.id = `${name}-ai`;
    hint.className = "hint";
    hint.textContent = "Filled in by AI: check it.";
    input.insertAdjacentElement("afterend", hint);
  }
  if (hint) hint.hidden = !byAi;
  const describedBy = [`${name}-error`, byAi ? `${name}-ai` : null].filter((id) => id && element(id));
  input.setAttribute("aria-describedby", describedBy.join(" "));
}

function showNotes(notes) {
  const list = element("capture-notes");
  list.replaceChildren(
    ...notes.map((note) => {
      const item = document.createElement("li");
      item.textContent = note;
      return item;
    }),
  );
  list.hidden = !notes.length;
}

function foundSummary(fields) {
  const found = FORM_FIELDS.filter((name) => fields[name] !== null && fields[name] !== undefined);
  if (!found.length) return "Job Tracker found no details on this page: fill them in below.";
  return "Here is what Job Tracker found. Check it, change anything, then save.";
}

async function save(event) {
  event.preventDefault();
  const application = formValues();
  if (!application) return;
  const button = element("save");
  button.disabled = true;
  button.textContent = "Saving…";
  element("form-problem").hidden = true;
  try {
    const saved = await callInstance(settings, "POST", "/api/applications", {
      body: application,
      timeoutMs: SAVE_TIMEOUT_MS,
    });
    const where = saved.stage === "applied" ? "as applied today" : "to your Wishlist";
    element("saved-text").textContent = `Saved ${saved.role} at ${saved.company} ${where}.`;
    element("saved-link").href = `${settings.instanceOrigin}/applications/${saved.id}`;
    show({ saved: true });
    element("saved-link").focus(); // the form is gone: keyboard users land on what comes next
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    for (const [name, message] of Object.entries(error.fields)) showFieldError(name, message);
    if (error.kind === "token_refused" || error.kind === "unreachable") {
      showProblem(error);
      return;
    }
    element("form-problem").textContent = error.message;
    element("form-problem").hidden = false;
  } finally {
    button.disabled = false;
    button.textContent = "Save to Job Tracker";
  }
}

/** The application to create from the form, or null with the problems shown at their fields. */
function formValues() {
  const application = {};
  let firstProblem = null;
  for (const name of FORM_FIELDS) {
    const input = element(name);
    const value = input.value.trim();
    showFieldError(name, null);
    if ((name === "company" || name === "role") && !value) {
      showFieldError(name, `Enter the ${name === "company" ? "company" : "role"}: Job Tracker needs it.`);
      firstProblem ??= input;
      continue;
    }
    if (NUMBER_FIELDS.includes(name) && value && !/^\d+$/.test(value)) {
      showFieldError(name, "Enter a whole number, without spaces or currency signs.");
      firstProblem ??= input;
      continue;
    }
    if (!value) continue;
    application[name] = NUMBER_FIELDS.includes(name) ? Number(value) : value;
  }
  if (firstProblem) {
    firstProblem.focus();
    return null;
  }
  if (application.salary_currency) application.salary_currency = application.salary_currency.toUpperCase();
  if (capturedFrom) application.source = capturedFrom.slice(0, 200);
  const stage = form.elements.stage.value;
  application.stage = stage;
  if (stage === "applied") application.applied_on = today();
  return application;
}

function showDuplicate(duplicate) {
  const saved = new Date(duplicate.created_at);
  const sameYear = saved.getFullYear() === new Date().getFullYear();
  const day = saved.toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  });
  element("duplicate-text").textContent =
    `You saved this on ${day}, now in ${stageLabel(duplicate.stage)}: ${duplicate.role} at ${duplicate.company}.`;
  element("duplicate-link").href = new URL(duplicate.url, settings.instanceOrigin).href;
  show({ duplicate: true });
  element("duplicate-link").focus();
}

function showProblem(error) {
  if (!(error instanceof ApiProblem)) throw error;
  const fixInOptions = ["token_refused", "not_job_tracker"].includes(error.kind) || error.status === 403;
  show({ message: ["problem", error.message], options: fixInOptions, retry: !fixInOptions });
}

/** One view at a time: a message (with its way out), the form, the duplicate, or the saved job. */
function show({ message = null, options = false, retry = false, form: showForm = false, duplicate = false, saved = false }) {
  const line = element("message");
  line.hidden = !message;
  if (message) {
    [line.dataset.tone, line.textContent] = message;
  }
  element("message-actions").hidden = !(options || retry);
  element("open-options").hidden = !options;
  element("try-again").hidden = !retry;
  form.hidden = !showForm;
  element("heading").textContent = duplicate
    ? "Already in Job Tracker"
    : saved
      ? "Saved to Job Tracker"
      : "Save this job";
  element("duplicate").hidden = !duplicate;
  element("saved").hidden = !saved;
}

function showFieldError(name, message) {
  const input = element(name);
  if (!input) return;
  let line = element(`${name}-error`);
  if (!line) {
    line = document.createElement("p");
    line.id = `${name}-error`;
    line.className = "field-error";
    input.insertAdjacentElement("afterend", line);
    const describedBy = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", describedBy ? `${describedBy} ${line.id}` : line.id);
  }
  line.textContent = message ?? "";
  line.hidden = !message;
  input.setAttribute("aria-invalid", message ? "true" : "false");
}

function stageLabel(stage) {
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}

function hostOf(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
