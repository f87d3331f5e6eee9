// "Download PNG": the chart's own SVG, drawn on a canvas under its title, saved as a file.
// No library: the browser already rasterises SVG, and a canvas encodes PNG.

// What the chart's look depends on; copied inline because the SVG is drawn on its own,
// away from the page's style sheets and custom properties.
const STYLE_PROPERTIES = [
  "display",
  "visibility",
  "opacity",
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-opacity",
  "stroke-width",
  "stroke-dasharray",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
];

const SCALE = 2; // crisp on high-density screens and in slides
const PADDING = 16;
const TITLE_HEIGHT = 36;

function inlineStyles(source: Element, copy: Element): void {
  const computed = getComputedStyle(source);
  // Through the CSSOM, not setAttribute("style"): the app's Content-Security-Policy allows no
  // inline style attributes, but styles set from script are fine.
  if (copy instanceof SVGElement) {
    for (const name of STYLE_PROPERTIES) {
      copy.style.setProperty(name, computed.getPropertyValue(name));
    }
  }
  Array.from(source.children).forEach((child, index) => {
    const copiedChild = copy.children[index];
    if (copiedChild) inlineStyles(child, copiedChild);
  });
}

async function svgImage(svg: SVGSVGElement, width: number, height: number) {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  const markup = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  return image;
}

function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the address is only needed until then.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Save the chart drawn in `container` as a PNG named `filename`, with `title` above it. */
export async function downloadChartPng(
  container: HTMLElement,
  { title, filename }: { title: string; filename: string },
): Promise<void> {
  // The chart's surface, not the small SVG icons a legend or tooltip may hold.
  const svg = container.querySelector<SVGSVGElement>("svg.recharts-surface");
  if (!svg) throw new Error("There is no chart to download yet.");
  const { width, height } = svg.getBoundingClientRect();
  const image = await svgImage(svg, width, height);

  const style = getComputedStyle(container);
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil((width + 2 * PADDING) * SCALE);
  canvas.height = Math.ceil((height + TITLE_HEIGHT + 2 * PADDING) * SCALE);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("Your browser cannot draw the chart as a picture.");
  context.scale(SCALE, SCALE);
  context.fillStyle = style.getPropertyValue("--surface").trim() || "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = style.color;
  context.font = `600 16px ${style.fontFamily}`;
  context.textBaseline = "top";
  context.fillText(title, PADDING, PADDING);
  context.drawImage(image, PADDING, PADDING + TITLE_HEIGHT, width, height);

  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("Your browser could not make the picture.");
  saveFile(blob, filename);
}
