// What the stock benchmark's processes share: the Fastmag account the emulator accepts and the app secret.
export const BENCH_CREDENTIALS = { enseigne: "BENCH", magasin: "WEB", compte: "bench", motpasse: "bench-secret" };
export const BENCH_SECRET = "test-api-secret";
