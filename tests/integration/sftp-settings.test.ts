// Settings → SFTP photos and PUT /api/settings/sftp against a real SFTP server (emulators/sftp): the
// password and the private key are write-only (never in the screen's data nor an API answer), a key the
// app cannot read is a field error in plain words, a private-key login works end to end, and a missing
// host or user is a field error with nothing saved.
import { promises as fs } from "node:fs";
import path from "node:path";
import ssh2 from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { openSftpFolder } from "~/connectors/sftp/settings.server";
import { db } from "~/db.server";
import { loader as systemGet, action as systemPut } from "~/routes/api.settings.$connector._index";
import { action as systemTest } from "~/routes/api.settings.$connector.test";
import { action as screenAction, loader as screenLoader } from "~/routes/app.settings.sftp";
import { generateSshKeyPair } from "../../emulators/sftp/auth";
import { startSftpEmulator, type SftpEmulator } from "../../emulators/sftp/index";
import { adminRequest, callRoute, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("sftpset");
const PASSWORD = "pw-7f3a-never-shown";
const keys = generateSshKeyPair();
let sftp: SftpEmulator;
let token: string;

const request = (urlPath: string, init: { method?: string; json?: unknown } = {}) =>
  new Request(`${process.env.SHOPIFY_APP_URL}${urlPath}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
const put = (json: Record<string, unknown>) =>
  systemPut({
    request: request("/api/settings/sftp", { method: "PUT", json }),
    params: { connector: "sftp" },
    context: {},
  });
const get = () => systemGet({ request: request("/api/settings/sftp"), params: { connector: "sftp" }, context: {} });
const test = async () =>
  (await (
    await systemTest({
      request: request("/api/settings/sftp/test", { method: "POST" }),
      params: { connector: "sftp" },
      context: {},
    })
  ).json()) as { ok: boolean; message: string };
const screen = () =>
  callRoute(() => screenLoader({ request: adminRequest(shop, "/app/settings/sftp"), params: {}, context: {} }));
const saveOnScreen = (form: Record<string, string>) =>
  callRoute(() =>
    screenAction({
      request: adminRequest(shop, "/app/settings/sftp", { form: { intent: "save", ...form } }),
      params: {},
      context: {},
    }),
  ) as Promise<{ ok: boolean; fieldErrors: Record<string, string> }>;
/** Nothing a reader of `value` sees holds a secret. */
const holdsNoSecret = (value: unknown) => {
  const text = JSON.stringify(value);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(keys.private.split("\n")[1]!);
  expect(text).not.toContain("PRIVATE KEY");
};

beforeAll(async () => {
  sftp = await startSftpEmulator({
    users: [
      { username: "photos", password: PASSWORD },
      { username: "keyed", publicKeys: [keys.public] },
    ],
  });
  await fs.mkdir(path.join(sftp.root, "photos"));
  await fs.writeFile(path.join(sftp.root, "photos", "SHIRT1_WHITE_1.jpg"), Buffer.from("jpeg"));
  await installShop(shop);
  token = (await createApiToken(shop, "ERP")).token;
});

afterAll(async () => {
  await sftp?.close();
});

describe("SFTP settings", () => {
  it("refuses a missing host and user as field errors, nothing saved", async () => {
    const onScreen = await saveOnScreen({ host: "", port: "22", username: " ", password: PASSWORD, folder: "/" });
    expect(onScreen.ok).toBe(false);
    expect(onScreen.fieldErrors).toMatchObject({
      host: "Enter the SFTP server's name or address.",
      username: "Enter the SFTP user name.",
    });
    const refused = await put({ host: "", username: "", password: PASSWORD });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: string; fieldErrors: Record<string, string> };
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["host", "username"]);
    holdsNoSecret(body);
    expect(await db.connectorSetting.count({ where: { shop, connector: "sftp" } })).toBe(0);
  });

  it("keeps the password write-only: never in the screen's data nor the API's answers", async () => {
    const saved = await put({
      host: sftp.host,
      port: sftp.port,
      username: "photos",
      password: PASSWORD,
      folder: "/photos",
    });
    expect(saved.status).toBe(200);
    const answer = (await saved.json()) as { secrets: { name: string; set: boolean }[] };
    expect(answer.secrets).toEqual([
      { name: "password", set: true },
      { name: "privateKey", set: false },
    ]);
    holdsNoSecret(answer);
    holdsNoSecret(await (await get()).json());
    const data = (await screen()) as { passwordSet: boolean; privateKeySet: boolean };
    expect(data).toMatchObject({ passwordSet: true, privateKeySet: false });
    holdsNoSecret(data);
    expect(await test()).toMatchObject({ ok: true });
    // Saved again without it: the stored one is kept and still logs in.
    expect((await put({ folder: "/photos" })).status).toBe(200);
    expect(await test()).toMatchObject({ ok: true });
  });

  it("Test connection tests the form's values, saving nothing; a blank password means the saved one", async () => {
    const onScreen = (form: Record<string, string>) =>
      callRoute(() =>
        screenAction({
          request: adminRequest(shop, "/app/settings/sftp", { form: { intent: "test", ...form } }),
          params: {},
          context: {},
        }),
      ) as Promise<{ ok: boolean; message: string; fieldErrors: Record<string, string> }>;
    const before = await db.connectorSetting.findUniqueOrThrow({
      where: { shop_connector: { shop, connector: "sftp" } },
    });
    const form = { host: sftp.host, port: String(sftp.port), username: "photos", folder: "/photos" };
    // A new, wrong password is tried without replacing the working one.
    const wrong = await onScreen({ ...form, password: "not-the-password" });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/refused the credentials/) });
    holdsNoSecret(wrong);
    expect(await onScreen({ ...form, password: "" })).toMatchObject({ ok: true });
    // Another folder, unsaved: tested as typed.
    const elsewhere = await onScreen({ ...form, folder: "/", password: "" });
    expect(elsewhere).toMatchObject({ ok: true, message: expect.stringContaining("in /.") });
    // Nothing is down: the address of a closed port is said in plain words, without the port.
    const closed = await onScreen({ ...form, port: "1", password: "" });
    expect(closed.ok).toBe(false);
    expect(closed.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:1/);
    expect(await onScreen({ ...form, host: "" })).toMatchObject({
      ok: false,
      fieldErrors: { host: expect.any(String) },
    });
    const after = await db.connectorSetting.findUniqueOrThrow({
      where: { shop_connector: { shop, connector: "sftp" } },
    });
    expect(after.configJson).toBe(before.configJson);
    expect(after.secretsCiphertext).toBe(before.secretsCiphertext);
  });

  it("says in plain words why a private key cannot be read, nothing saved", async () => {
    const body = keys.private.split("\n");
    const broken = [body[0], "bm90IGEga2V5IGF0IGFsbA==", body[body.length - 2] || body[body.length - 1]].join("\n");
    const encrypted = ssh2.utils.generateKeyPairSync("ed25519", {
      passphrase: "secret",
      cipher: "aes256-cbc",
      rounds: 16,
    }).private;
    const cases: [string, RegExp][] = [
      [broken, /cannot be read: paste it whole/],
      [keys.public, /OpenSSH or PEM format/],
      [encrypted, /protected by a passphrase/],
    ];
    for (const [privateKey, reason] of cases) {
      const refused = await put({ username: "keyed", privateKey });
      expect(refused.status).toBe(422);
      const answer = (await refused.json()) as { fieldErrors: Record<string, string> };
      expect(answer.fieldErrors.privateKey).toMatch(reason);
      expect(answer.fieldErrors.privateKey).not.toMatch(/Error|ssh2|at \//);
      const onScreen = await saveOnScreen({ host: sftp.host, port: String(sftp.port), username: "keyed", privateKey });
      expect(onScreen.fieldErrors.privateKey).toMatch(reason);
    }
    const data = (await screen()) as { settings: { username: string }; privateKeySet: boolean };
    expect(data).toMatchObject({ settings: { username: "photos" }, privateKeySet: false });
  });

  it("logs in with a private key against the SFTP server, and never shows the key", async () => {
    const saved = await put({ username: "keyed", privateKey: keys.private });
    expect(saved.status).toBe(200);
    holdsNoSecret(await saved.json());
    const data = (await screen()) as { privateKeySet: boolean };
    expect(data.privateKeySet).toBe(true);
    holdsNoSecret(data);
    holdsNoSecret(await (await get()).json());
    const tested = await test();
    expect(tested).toMatchObject({ ok: true });
    expect(tested.message).toContain("1 file in /photos");
    const { folder, settings } = await openSftpFolder(shop);
    try {
      expect((await folder.list(settings.folder)).map((f) => f.name)).toEqual(["SHIRT1_WHITE_1.jpg"]);
    } finally {
      await folder.close();
    }
    // The stored settings hold neither secret in clear.
    const row = await db.connectorSetting.findUniqueOrThrow({ where: { shop_connector: { shop, connector: "sftp" } } });
    holdsNoSecret(row);
  });

  it("says a changed host key in the admin's language, the fingerprints as they are", async () => {
    expect((await put({ username: "photos", password: PASSWORD, folder: "/photos" })).status).toBe(200);
    expect(await test()).toMatchObject({ ok: true });
    const row = await db.connectorSetting.findUniqueOrThrow({ where: { shop_connector: { shop, connector: "sftp" } } });
    const config = JSON.parse(row.configJson) as { hostKey: { fingerprint: string } };
    const pinned = config.hostKey.fingerprint;
    expect(pinned).toMatch(/^SHA256:/);
    // Another server (another host key) answers at the saved address.
    const other = await startSftpEmulator({ users: [{ username: "photos", password: PASSWORD }] });
    try {
      await db.connectorSetting.update({
        where: { shop_connector: { shop, connector: "sftp" } },
        data: { configJson: JSON.stringify({ ...config, port: other.port }) },
      });
      const testIn = (locale: "en" | "fr") =>
        callRoute(() =>
          screenAction({
            request: adminRequest(shop, `/app/settings/sftp?locale=${locale}`, {
              form: {
                intent: "test",
                host: sftp.host,
                port: String(other.port),
                username: "photos",
                folder: "/photos",
              },
            }),
            params: {},
            context: {},
          }),
        ) as Promise<{ ok: boolean; message: string }>;
      const french = await testIn("fr");
      expect(french.ok).toBe(false);
      expect(french.message).toMatch(
        /^La clé du serveur SFTP a changé \(il présente SHA256:\S+, la clé retenue est SHA256:\S+\)\. Si le serveur a vraiment été remplacé, oubliez la clé retenue dans les paramètres\.$/,
      );
      expect(french.message).toContain(`la clé retenue est ${pinned})`);
      // The check is stored with its words: the screen says it again in the reader's language.
      const shown = (locale: "en" | "fr") =>
        callRoute(() =>
          screenLoader({ request: adminRequest(shop, `/app/settings/sftp?locale=${locale}`), params: {}, context: {} }),
        ) as Promise<{ connection: { state: string; message: string } }>;
      expect((await shown("fr")).connection.message).toBe(french.message);
      const english = await testIn("en");
      expect(english.message).toMatch(/^The SFTP server's host key changed \(it shows SHA256:\S+, the one pinned is /);
      expect(english.message).toContain(`the one pinned is ${pinned})`);
      expect((await shown("en")).connection.message).toBe(english.message);
    } finally {
      await db.connectorSetting.update({
        where: { shop_connector: { shop, connector: "sftp" } },
        data: { configJson: row.configJson },
      });
      await other.close();
    }
  });
});
