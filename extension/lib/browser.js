// The WebExtension API under one name: Firefox calls it `browser`, Chromium `chrome`; both
// return promises in Manifest V3.
export const ext = globalThis.browser ?? globalThis.chrome;
