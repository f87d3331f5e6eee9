// What the popup reads from the posting's tab. `collectPosting` runs inside the page
// (scripting.executeScript serialises it), so it uses nothing from this module's scope.

// Bounds, so a huge page cannot make the extension or the server do unbounded work.
export const CAPTURE_LIMITS = {
  maxHtmlChars: 2_000_000,
  maxTextChars: 200_000,
  maxSelectedChars: 50_000,
  maxJsonLdBlocks: 20,
  maxJsonLdChars: 500_000,
};

export function collectPosting(limits) {
  const clip = (text, most) => (text.length > most ? text.slice(0, most) : text);

  const jsonLd = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const block = (script.textContent ?? "").trim();
    if (block && block.length <= limits.maxJsonLdChars) jsonLd.push(block);
    if (jsonLd.length >= limits.maxJsonLdBlocks) break;
  }

  const selected = clip(String(window.getSelection() ?? "").trim(), limits.maxSelectedChars);

  // The page as the reader sees it, without what only a browser needs (code, styles, media):
  // the server finds microdata, meta tags and the main text in it.
  const copy = document.documentElement.cloneNode(true);
  const clutter = copy.querySelectorAll(
    'script:not([type="application/ld+json"]), style, noscript, template, iframe, object, embed, svg, canvas, video, audio, link',
  );
  for (const node of clutter) node.remove();
  let html = copy.outerHTML;
  let text = null;
  if (html.length > limits.maxHtmlChars) {
    // Too large even trimmed: the visible text still carries the posting.
    html = null;
    text = clip(document.body?.innerText ?? "", limits.maxTextChars);
  }

  return {
    url: location.href,
    html,
    text,
    json_ld: jsonLd.length ? jsonLd : null,
    selected_text: selected || null,
  };
}
