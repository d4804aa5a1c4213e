import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { formResult, unknownIntent } from "../lib/http.server";
import { chooseShopImageSource, saveSftpSettingsForm, sftpSettingsScreen, testSftp } from "../settings/sftp.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return sftpSettingsScreen(session.shop);
};

type Answer = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "save": {
        const saved = await saveSftpSettingsForm(session.shop, {
          host: text("host"),
          port: text("port"),
          username: text("username"),
          password: text("password"),
          privateKey: text("privateKey"),
          folder: text("folder"),
          filePattern: text("filePattern"),
          skuPattern: text("skuPattern"),
          clearHostKey: text("clearHostKey") === "on",
        });
        return saved.ok
          ? { ok: true, message: "SFTP settings saved. Test the connection to pin the server's key.", fieldErrors: {} }
          : saved;
      }
      case "test":
        return { ...(await testSftp(session.shop)), fieldErrors: {} };
      case "source":
        await chooseShopImageSource(session.shop, text("imageSource") || null);
        return { ok: true, message: "Saved: product photos come from your choice.", fieldErrors: {} };
      default:
        return unknownIntent();
    }
  });
  return { intent, ...result };
};

export default function SftpSettingsPage() {
  const { settings, defaults, passwordSet, privateKeySet, imageSource, imageSources, connection } =
    useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
  const test = useFetcher<typeof action>();
  const source = useFetcher<typeof action>();
  const [fields, setFields] = useState({
    host: settings?.host ?? "",
    port: String(settings?.port ?? 22),
    username: settings?.username ?? "",
    password: "",
    privateKey: "",
    folder: settings?.folder ?? "/",
    filePattern: settings?.filePattern ?? defaults.filePattern,
    skuPattern: settings?.skuPattern ?? defaults.skuPattern,
    clearHostKey: false,
  });
  const [chosen, setChosen] = useState(imageSource ?? "");
  const set = (name: keyof typeof fields) => (value: string | boolean) => setFields((f) => ({ ...f, [name]: value }));
  const errors = save.data && !save.data.ok ? save.data.fieldErrors : {};
  const banner = (fetcher: typeof save) =>
    fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null;
  const submitSave = () => {
    save.submit({ intent: "save", ...fields, clearHostKey: fields.clearHostKey ? "on" : "" }, { method: "post" });
    setFields((f) => ({ ...f, password: "", privateKey: "", clearHostKey: false }));
  };
  const field = (
    name: "host" | "port" | "username" | "folder" | "filePattern" | "skuPattern",
    label: string,
    helpText?: string,
  ) => (
    <TextField
      label={label}
      name={name}
      value={fields[name]}
      onChange={set(name)}
      autoComplete="off"
      helpText={helpText}
      error={errors[name]}
    />
  );

  return (
    <Page title="SFTP photos" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {banner(save)}
              {field("host", "Server", "Name or address of the SFTP server.")}
              {field("port", "Port")}
              {field("username", "User")}
              <TextField
                label="Password"
                name="password"
                type="password"
                value={fields.password}
                onChange={set("password")}
                autoComplete="new-password"
                helpText={passwordSet ? "A password is saved. Leave empty to keep it." : "Not saved."}
                error={errors.password}
              />
              <TextField
                label="Private key"
                name="privateKey"
                multiline={3}
                value={fields.privateKey}
                onChange={set("privateKey")}
                autoComplete="off"
                helpText={privateKeySet ? "A private key is saved. Leave empty to keep it." : "Or a password above."}
                error={errors.privateKey}
              />
              {field("folder", "Folder", "Where the photos are, e.g. /photos.")}
              {field(
                "filePattern",
                "File names",
                "{REF} the product reference, {COLOR} its colour, {N} the photo's position.",
              )}
              {field("skuPattern", "SKUs", "How your Shopify SKUs hold the same reference and colour.")}
              <Text as="p">
                Server key:{" "}
                {settings?.hostKey
                  ? `${settings.hostKey.fingerprint} (pinned ${settings.hostKey.pinnedAt.slice(0, 10)})`
                  : "pinned at the first connection"}
              </Text>
              {settings?.hostKey ? (
                <Checkbox
                  label="Forget the pinned key (the server was replaced)"
                  checked={fields.clearHostKey}
                  onChange={set("clearHostKey")}
                />
              ) : null}
              <Button variant="primary" onClick={submitSave} loading={save.state !== "idle"}>
                Save
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Test connection
                </Text>
                <ConnectionBadge state={connection.state} />
                {test.data ? banner(test) : connection.message ? <Text as="p">{connection.message}</Text> : null}
                <Button
                  onClick={() => test.submit({ intent: "test" }, { method: "post" })}
                  loading={test.state !== "idle"}
                  disabled={!settings}
                >
                  Test connection
                </Button>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Product photos come from
                </Text>
                {banner(source)}
                <Select
                  label="Image source"
                  options={[
                    { label: "The one set up", value: "" },
                    ...imageSources.map((s) => ({ label: s.name, value: s.id })),
                  ]}
                  value={chosen}
                  onChange={setChosen}
                />
                <Button onClick={() => source.submit({ intent: "source", imageSource: chosen }, { method: "post" })}>
                  Save choice
                </Button>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
