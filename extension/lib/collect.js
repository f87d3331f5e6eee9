// What the popup reads from the posting's tab. `collectPosting` runs inside the page
// (scripting.executeScript serialises it), so it uses nothing from this module's scope.

// Bounds in UTF-8 bytes, below what the server's capture route accepts (5 MB of HTML, 500 KB
// of text or selection, 20 JSON-LD blocks of 1 MB together), so a huge page is trimmed here
// instead of refused there.
export const CAPTURE_LIMITS = {
  maxHtmlBytes: 2_000_000,
  maxTextBytes: 400_000,
  maxJsonLdBlocks: 20,
  maxJsonLdBytes: 1_000_000,
};

export function collectPosting(limits) {
  const encoder = new TextEncoder();
  const bytes = (text) => encoder.encode(text).length;
  // Cut to at most `most` bytes: first to `most` characters (each is at least a byte), then
  // to the longest start that fits.
  const clip = (text, most) => {
    const cut = text.length > most ? text.slice(0, most) : text;
    if (bytes(cut) <= most) return cut;
    let [low, high] = [0, cut.length];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (bytes(cut.slice(0, middle)) <= most) low = middle;
      else high = middle - 1;
    }
    return cut.slice(0, low);
  };

  const jsonLd = [];
  let jsonLdBytes = 0;
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const block = (script.textContent ?? "").trim();
    const size = bytes(block);
    // A block too large for what is left is skipped, not cut: half a JSON document is no use.
    if (!block || jsonLdBytes + size > limits.maxJsonLdBytes) continue;
    jsonLd.push(block);
    jsonLdBytes += size;
    if (jsonLd.length >= limits.maxJsonLdBlocks) break;
  }

  const selected = clip(String(window.getSelection() ?? "").trim(), limits.maxTextBytes);

  // The page as the reader sees it, without what only a browser needs (code, styles, media):
  // the server finds microdata, meta tags and the main text in it.
  const copy = document.documentElement.cloneNode(true);
  const clutter = copy.querySelectorAll(
    'script:not([type="application/ld+json"]), style, noscript, template, iframe, object, embed, svg, canvas, video, audio, link:not([rel="canonical"])',
  );
  for (const node of clutter) node.remove();
  let html = copy.outerHTML;
  let text = null;
  if (bytes(html) > limits.maxHtmlBytes) {
    // Too large even trimmed: the visible text still carries the posting.
    html = null;
    text = clip(document.body?.innerText ?? "", limits.maxTextBytes);
  }

  return {
    url: location.href,
    html,
    text,
    json_ld: jsonLd,
    selected_text: selected || null,
  };
}
