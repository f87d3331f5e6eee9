// @ts-check
// Writes a brotli (.br) and a gzip (.gz) copy next to each compressible file of the built UI,
// at the highest quality: the backend sends them as they are, so nothing is compressed per
// request and the slow best settings cost nothing at run time.
// Usage: node scripts/precompress.mjs [directory]   (default: the build output, ../src/jobtracker/static)
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

const COMPRESSIBLE = new Set([
  ".html", ".js", ".mjs", ".css", ".svg", ".json", ".webmanifest", ".txt", ".xml", ".map",
]);
// Below about one network packet, a compressed copy saves no round trip.
const MINIMUM_BYTES = 1024;

const defaultDirectory = fileURLToPath(new URL("../../src/jobtracker/static/", import.meta.url));
const directory = process.argv[2] ?? defaultDirectory;

/**
 * @param {string} root
 * @returns {Promise<string[]>} every file under root
 */
async function filesUnder(root) {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes path + suffix unless the copy is no smaller than the original.
 * @param {string} path
 * @param {Buffer} original
 * @param {Buffer} compressed
 * @param {string} suffix
 * @returns {Promise<number>} the bytes a client accepting this encoding receives
 */
async function writeIfSmaller(path, original, compressed, suffix) {
  if (compressed.length >= original.length) return original.length;
  await writeFile(path + suffix, compressed);
  return compressed.length;
}

/**
 * @param {string} path
 * @returns {Promise<{ path: string, raw: number, brotli: number, gzip: number }>}
 */
async function precompress(path) {
  const original = await readFile(path);
  const [brotliCopy, gzipCopy] = await Promise.all([
    brotli(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
    gzipped(original, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return {
    path,
    raw: original.length,
    brotli: await writeIfSmaller(path, original, brotliCopy, ".br"),
    gzip: await writeIfSmaller(path, original, gzipCopy, ".gz"),
  };
}

/** @param {number} bytes */
const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const candidates = [];
for (const path of await filesUnder(directory)) {
  if (!COMPRESSIBLE.has(extname(path))) continue;
  if ((await stat(path)).size >= MINIMUM_BYTES) candidates.push(path);
}
if (candidates.length === 0) {
  console.error(`precompress: no compressible file of ${MINIMUM_BYTES} bytes or more in ${directory}`);
  process.exit(1);
}
const results = await Promise.all(candidates.map(precompress));
const total = (/** @type {"raw" | "brotli" | "gzip"} */ key) =>
  results.reduce((sum, result) => sum + result[key], 0);
const largest = results.reduce((a, b) => (b.raw > a.raw ? b : a));
console.log(
  `precompress: ${results.length} files, ${kilobytes(total("raw"))} raw, ` +
    `${kilobytes(total("gzip"))} gzip, ${kilobytes(total("brotli"))} brotli ` +
    `(largest ${relative(directory, largest.path)}: ${kilobytes(largest.raw)} raw, ` +
    `${kilobytes(largest.gzip)} gzip, ${kilobytes(largest.brotli)} brotli)`,
);
