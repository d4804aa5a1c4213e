// Writes a Brotli (.br) and a gzip (.gz) copy beside each fingerprinted asset of the client build, once,
// at build time: the server then sends the copy the browser accepts instead of compressing the same
// megabyte of Polaris CSS and JavaScript again for every first visit (about 60 ms of the server's one
// thread per cold page on this 2-core machine, spent while the page waits for its stylesheet).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const assets = path.resolve(process.argv[2] ?? "build/client/assets");
const COMPRESSIBLE = /\.(js|css|svg|json|map)$/;
let files = 0;
let before = 0;
let after = 0;
for (const name of fs.readdirSync(assets)) {
  if (!COMPRESSIBLE.test(name)) continue;
  const file = path.join(assets, name);
  const body = fs.readFileSync(file);
  // Small files gain nothing worth a second read from disk.
  if (body.length < 1024) continue;
  const br = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  files += 1;
  before += body.length;
  after += br.length;
}
console.log(`precompressed ${files} assets: ${Math.round(before / 1024)} KiB → ${Math.round(after / 1024)} KiB (br)`);
