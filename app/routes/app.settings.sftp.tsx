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
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import {
  chooseShopImageSource,
  saveSftpSettingsForm,
  sftpSettingsScreen,
  testSftp,
  testSftpForm,
} from "../settings/sftp.server";
import { shopTimeZone } from "../shops/time-zone.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    title: "SFTP photos",
    settings: "Settings",
    saved: "SFTP settings saved. Test the connection to pin the server's key.",
    sourceSaved: "Saved: product photos come from your choice.",
    server: "Server",
    serverHelp: "Name or address of the SFTP server.",
    port: "Port",
    user: "User",
    password: "Password",
    passwordSaved: "A password is saved. Leave empty to keep it.",
    notSaved: "Not saved.",
    privateKey: "Private key",
    privateKeySaved: "A private key is saved. Leave empty to keep it.",
    orPassword: "Or a password above.",
    folder: "Folder",
    folderHelp: "Where the photos are, e.g. /photos.",
    fileNames: "File names",
    fileNamesHelp: "{REF} the product reference, {COLOR} its colour, {N} the photo's position.",
    skus: "SKUs",
    skusHelp: "How your Shopify SKUs hold the same reference and colour.",
    serverKey: "Server key:",
    pinned: (fingerprint: string, date: string) => `${fingerprint} (pinned ${date})`,
    pinnedFirst: "pinned at the first connection",
    forgetKey: "Forget the pinned key (the server was replaced)",
    save: "Save",
    testConnection: "Test connection",
    photosFrom: "Product photos come from",
    imageSource: "Image source",
    theOneSetUp: "The one set up",
    saveChoice: "Save choice",
  },
  fr: {
    title: "Photos SFTP",
    settings: "Paramètres",
    saved: "Paramètres SFTP enregistrés. Testez la connexion pour retenir la clé du serveur.",
    sourceSaved: "Enregistré : les photos des produits viennent de votre choix.",
    server: "Serveur",
    serverHelp: "Nom ou adresse du serveur SFTP.",
    port: "Port",
    user: "Utilisateur",
    password: "Mot de passe",
    passwordSaved: "Un mot de passe est enregistré. Laissez vide pour le garder.",
    notSaved: "Non enregistré.",
    privateKey: "Clé privée",
    privateKeySaved: "Une clé privée est enregistrée. Laissez vide pour la garder.",
    orPassword: "Ou un mot de passe ci-dessus.",
    folder: "Dossier",
    folderHelp: "Où sont les photos, par ex. /photos.",
    fileNames: "Noms des fichiers",
    fileNamesHelp: "{REF} la référence du produit, {COLOR} sa couleur, {N} la position de la photo.",
    skus: "SKU",
    skusHelp: "Comment vos SKU Shopify contiennent la même référence et la même couleur.",
    serverKey: "Clé du serveur :",
    pinned: (fingerprint: string, date: string) => `${fingerprint} (retenue le ${date})`,
    pinnedFirst: "retenue à la première connexion",
    forgetKey: "Oublier la clé retenue (le serveur a été remplacé)",
    save: "Enregistrer",
    testConnection: "Tester la connexion",
    photosFrom: "Les photos des produits viennent de",
    imageSource: "Source des images",
    theOneSetUp: "Celle qui est configurée",
    saveChoice: "Enregistrer le choix",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [screen, timeZone] = await Promise.all([
    sftpSettingsScreen(session.shop, localeOfRequest(request).locale),
    shopTimeZone(session.shop),
  ]);
  return { ...screen, timeZone };
};

type Answer = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const { locale } = localeOfRequest(request);
  const text = (name: string) => String(form.get(name) ?? "");
  const formFields = () => ({
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
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "save": {
        const saved = await saveSftpSettingsForm(session.shop, formFields(), locale);
        return saved.ok ? { ok: true, message: WORDS[locale].saved, fieldErrors: {} } : saved;
      }
      case "test":
        // The screen sends what its form holds (tested, not saved); a bare "test" tests the saved settings.
        return form.has("host")
          ? await testSftpForm(session.shop, formFields(), locale)
          : { ...(await testSftp(session.shop, locale)), fieldErrors: {} };
      case "source":
        await chooseShopImageSource(session.shop, text("imageSource") || null);
        return { ok: true, message: WORDS[locale].sourceSaved, fieldErrors: {} };
      default:
        return unknownIntent();
    }
  });
  return { intent, ...result };
};

export default function SftpSettingsPage() {
  const { settings, defaults, passwordSet, privateKeySet, imageSource, imageSources, connection, timeZone } =
    useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
  const test = useFetcher<typeof action>();
  const source = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const format = useFormat();
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
  const errors =
    save.data && !save.data.ok ? save.data.fieldErrors : test.data && !test.data.ok ? test.data.fieldErrors : {};
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
    <Page title={t.title} backAction={{ content: t.settings, url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {banner(save)}
              {field("host", t.server, t.serverHelp)}
              {field("port", t.port)}
              {field("username", t.user)}
              <TextField
                label={t.password}
                name="password"
                type="password"
                value={fields.password}
                onChange={set("password")}
                autoComplete="new-password"
                helpText={passwordSet ? t.passwordSaved : t.notSaved}
                error={errors.password}
              />
              <TextField
                label={t.privateKey}
                name="privateKey"
                multiline={3}
                value={fields.privateKey}
                onChange={set("privateKey")}
                autoComplete="off"
                helpText={privateKeySet ? t.privateKeySaved : t.orPassword}
                error={errors.privateKey}
              />
              {field("folder", t.folder, t.folderHelp)}
              {field("filePattern", t.fileNames, t.fileNamesHelp)}
              {field("skuPattern", t.skus, t.skusHelp)}
              <Text as="p">
                {t.serverKey}{" "}
                {settings?.hostKey
                  ? t.pinned(settings.hostKey.fingerprint, format.date(settings.hostKey.pinnedAt, timeZone))
                  : t.pinnedFirst}
              </Text>
              {settings?.hostKey ? (
                <Checkbox label={t.forgetKey} checked={fields.clearHostKey} onChange={set("clearHostKey")} />
              ) : null}
              <Button variant="primary" onClick={submitSave} loading={save.state !== "idle"}>
                {t.save}
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t.testConnection}
                </Text>
                <ConnectionBadge state={connection.state} />
                {test.data ? banner(test) : connection.message ? <Text as="p">{connection.message}</Text> : null}
                <Button
                  onClick={() =>
                    test.submit(
                      { intent: "test", ...fields, clearHostKey: fields.clearHostKey ? "on" : "" },
                      { method: "post" },
                    )
                  }
                  loading={test.state !== "idle"}
                >
                  {t.testConnection}
                </Button>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t.photosFrom}
                </Text>
                {banner(source)}
                <Select
                  label={t.imageSource}
                  options={[
                    { label: t.theOneSetUp, value: "" },
                    ...imageSources.map((s) => ({ label: s.name, value: s.id })),
                  ]}
                  value={chosen}
                  onChange={setChosen}
                />
                <Button onClick={() => source.submit({ intent: "source", imageSource: chosen }, { method: "post" })}>
                  {t.saveChoice}
                </Button>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
