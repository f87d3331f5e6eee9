// The extension's background: on first install, open the options page so the person connects
// it to their Job Tracker before they first need it. Everything else happens in the popup.
import { ext } from "./lib/browser.js";
import { isConfigured, loadSettings } from "./lib/settings.js";

ext.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== "install") return;
  if (!isConfigured(await loadSettings())) await ext.runtime.openOptionsPage();
});
