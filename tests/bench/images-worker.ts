// The app side of the image benchmark (tests/bench/images.bench.ts): one image sync from the SFTP folder
// to the Shopify emulator, as a job would run it, answering its wall time, result and peak RSS (VmHWM).
import fs from "node:fs";

export interface ImagesBenchSetup {
  databaseUrl: string;
  shopifyUrl: string;
  domain: string;
  token: string;
  sftp: { host: string; port: number; username: string; password: string };
}

export interface ImagesRunFigures {
  seconds: number;
  peakRss: number;
  startRss: number;
  result: Record<string, unknown>;
}

const vmHwm = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;

process.once("message", (setup: ImagesBenchSetup) => {
  void run(setup).then(
    (result) => process.send!({ result }),
    (error: unknown) => process.send!({ error: String((error as Error)?.stack ?? error) }),
  );
});

async function run(setup: ImagesBenchSetup): Promise<ImagesRunFigures> {
  process.env.DATABASE_URL = setup.databaseUrl;
  const { createPrismaClient } = await import("../../app/db.server");
  const { ShopifyAdminClient } = await import("../../app/shopify/admin-client.server");
  const { installShopifyOriginOverride } = await import("../../app/shopify/api-origin.server");
  const { SftpFolder } = await import("../../app/connectors/sftp/client.server");
  const { sftpImageSource } = await import("../../app/connectors/sftp/capabilities.server");
  const { DEFAULT_FILE_PATTERN, DEFAULT_SKU_PATTERN } = await import("../../app/connectors/sftp/file-names");
  const { syncImages } = await import("../../app/sync/images/image-sync.server");
  const { quietReporter } = await import("../../app/sync/sync-context");
  installShopifyOriginOverride(setup.shopifyUrl);
  const db = createPrismaClient(setup.databaseUrl);
  const client = new ShopifyAdminClient({ shop: setup.domain, accessToken: setup.token });
  const folder = await SftpFolder.connect({ ...setup.sftp, pinnedFingerprint: null });
  const source = sftpImageSource(folder, {
    ...setup.sftp,
    folder: "/photos",
    filePattern: DEFAULT_FILE_PATTERN,
    skuPattern: DEFAULT_SKU_PATTERN,
    hostKey: null,
  });
  const startRss = process.memoryUsage().rss;
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // VmHWM then covers the whole process life: an upper bound.
  }
  const started = Date.now();
  try {
    const result = await syncImages({
      db,
      shop: setup.domain,
      sourceId: "sftp",
      source,
      client,
      report: quietReporter(),
    });
    return { seconds: (Date.now() - started) / 1000, peakRss: vmHwm(), startRss, result: { ...result } };
  } finally {
    await source.close();
    await db.$disconnect();
  }
}
