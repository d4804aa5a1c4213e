// The SFTP photo folder's manifest: an image source (product photos named {REF}_{COLOR}_{N}.jpg by
// default). The registry imports this file only.
import { z } from "zod";
import { defineConnector, settingsForm } from "../define";
import { sftpImageSource } from "./capabilities.server";
import {
  SFTP,
  openSftpFolder,
  saveSftpSettings,
  sftpFormFields,
  testSftpConnection,
  testSftpSettings,
  type SftpSettings,
} from "./settings.server";

const storedSettings = z
  .object({ host: z.string(), port: z.number(), username: z.string(), folder: z.string() })
  .passthrough() as unknown as z.ZodType<SftpSettings>;

export const sftp = defineConnector<SftpSettings>({
  id: SFTP,
  name: "SFTP photos",
  emulator: "sftp",
  kind: "Photo folder",
  settingsPage: "/app/settings/sftp",
  settings: storedSettings,
  // A password or a private key: either one sets the connection up.
  secrets: ["password", "privateKey"],
  capabilities: {
    "image-source": async ({ shop }, ctx) => {
      const { folder, settings } = await openSftpFolder(shop, { timeoutMs: ctx.timeoutMs ?? 60_000 });
      return sftpImageSource(folder, settings);
    },
  },
  testConnection: (shop) => testSftpConnection(shop),
  settingsForm: settingsForm(sftpFormFields, saveSftpSettings, testSftpSettings),
});
