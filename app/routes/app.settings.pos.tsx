// Settings → Point of sale: the shop's POS accounts (add, edit, test the form's values, remove), each
// account's location mapping, item mapping (suggestions to confirm, edit or ignore) and stock poll controls.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { ListPager } from "../components/ListPager";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { apiOperation, apiSaveLocations } from "../pos/api.server";
import {
  listPosAccounts,
  posSystemChoices,
  removePosAccount,
  savePosAccount,
  testPosAccount,
  testPosAccountForm,
  type PosAccountInput,
  posAccountUsage,
} from "../pos/accounts.server";
import { confirmAllSuggestions, listItemMappings, refreshItemMappings, setItemMapping } from "../pos/items.server";
import { listLocationMappings } from "../pos/locations.server";
import { refusedMovesPage } from "../pos/refused.server";
import { shopTimeZone } from "../shops/time-zone.server";
import { listShopLocations } from "../shopify/locations.server";
import { authenticate } from "../shopify.server";

/** Refused moves on a page of their list. */
const REFUSED_PER_PAGE = 25;

const WORDS = defineWords({
  en: {
    title: "Point of sale",
    settings: "Settings",
    addAccount: "Add an account",
    accounts: "Accounts",
    noAccount: "No point-of-sale account yet.",
    paused: "Paused",
    active: "Active",
    saved: (name: string) => `"${name}" saved. Test the connection, then map its locations and items.`,
    removed: "Account removed.",
    locationsSaved: "Locations saved.",
    itemsRead: (items: number, suggested: number, unmatched: number) =>
      `${items} items read: ${suggested} suggestions to confirm, ${unmatched} without a match.`,
    confirmed: (n: number) => `${n} suggestions confirmed.`,
    itemSaved: "Item saved.",
    pollQueued: "Stock poll queued.",
    pollPaused: "Stock poll paused.",
    pollResumed: "Stock poll resumed.",
    edit: (name: string) => `Edit "${name}"`,
    newAccount: "New account",
    locationsFound: (list: string) => `Locations: ${list}`,
    system: "Point-of-sale system",
    accountName: "Account name",
    accountNameHelp: "e.g. the shop's town",
    secretSaved: "Saved. Leave empty to keep it.",
    required: "Required.",
    optional: "Optional.",
    cron: "Stock poll schedule (cron)",
    cronHelp: "Every 5 minutes by default",
    save: "Save",
    test: "Test connection",
    remove: "Remove",
    stockPoll: "Stock poll",
    usage: (today: boolean, used: string, limit: string, left: string) =>
      `Requests ${today ? "today" : "now"}: ${used} of ${limit} used, ${left} left`,
    resets: (time: string) => ` (starts afresh at ${time} UTC)`,
    runNow: "Run now",
    resume: "Resume",
    pause: "Pause",
    runs: "Runs",
    editSchedule: "Edit schedule",
    locations: "Locations",
    notKept: "Not kept in step",
    readLocations: "Read the POS locations",
    shopifyLocation: (name: string) => `${name} → Shopify location`,
    sumLocations: "Add up POS locations that feed the same Shopify location",
    saveLocations: "Save locations",
    matchedBy: { sku: "SKU", barcode: "barcode", name: "name", merchant: "you" } as Record<string, string>,
    ignored: "Ignored",
    confirmedByYou: "Confirmed (mapped by you)",
    confirmedStatus: "Confirmed",
    noMatchEnterSku: "No match: enter a Shopify SKU",
    suggestedBy: (by: string | undefined) => `Suggested by ${by ?? "a match"}`,
    noMatch: "No match",
    sku: "SKU",
    shopifySku: "Shopify SKU",
    map: "Map",
    confirm: "Confirm",
    ignore: "Ignore",
    items: "Items",
    itemCount: (items: number, unmapped: number) => `${items} POS items, ${unmapped} not confirmed yet.`,
    suggest: "Suggest matches",
    confirmAll: "Confirm all suggestions",
    posItem: "POS item",
    shopifyVariant: "Shopify variant",
    status: "Status",
    refusedTitle: "Moves the point of sale refused",
    refusedHelp:
      "Sales, refunds and cancellations a point of sale refused for good: its stock was not changed. Fix the cause (e.g. map the item again); the move is not sent again.",
    noRefused: "No move refused.",
    when: "When",
    order: "Order",
    move: "Move",
    item: "Item",
    quantity: "Quantity",
    account: "Account",
    why: "Why",
    kinds: { sale: "Sale", refund: "Refund", cancellation: "Cancellation" } as Record<string, string>,
    refused: "Refused",
    removedAccount: "Removed account",
    atLocation: (location: string) => `at ${location}`,
    itemSku: (sku: string) => `SKU ${sku}`,
  },
  fr: {
    title: "Point de vente",
    settings: "Paramètres",
    addAccount: "Ajouter un compte",
    accounts: "Comptes",
    noAccount: "Aucun compte de point de vente pour l'instant.",
    paused: "En pause",
    active: "Actif",
    saved: (name: string) =>
      `« ${name} » enregistré. Testez la connexion, puis associez ses emplacements et ses articles.`,
    removed: "Compte supprimé.",
    locationsSaved: "Emplacements enregistrés.",
    itemsRead: (items: number, suggested: number, unmatched: number) =>
      `${items} article${items > 1 ? "s" : ""} lu${items > 1 ? "s" : ""} : ${suggested} suggestion${suggested > 1 ? "s" : ""} à confirmer, ${unmatched} sans correspondance.`,
    confirmed: (n: number) => `${n} suggestion${n > 1 ? "s" : ""} confirmée${n > 1 ? "s" : ""}.`,
    itemSaved: "Article enregistré.",
    pollQueued: "Relevé du stock mis en file d'attente.",
    pollPaused: "Relevé du stock mis en pause.",
    pollResumed: "Relevé du stock repris.",
    edit: (name: string) => `Modifier « ${name} »`,
    newAccount: "Nouveau compte",
    locationsFound: (list: string) => `Emplacements : ${list}`,
    system: "Système de point de vente",
    accountName: "Nom du compte",
    accountNameHelp: "par exemple, la ville de la boutique",
    secretSaved: "Enregistré. Laissez vide pour le conserver.",
    required: "Obligatoire.",
    optional: "Facultatif.",
    cron: "Planification du relevé du stock (cron)",
    cronHelp: "Toutes les 5 minutes par défaut",
    save: "Enregistrer",
    test: "Tester la connexion",
    remove: "Supprimer",
    stockPoll: "Relevé du stock",
    usage: (today: boolean, used: string, limit: string, left: string) =>
      `Requêtes ${today ? "aujourd'hui" : "en ce moment"} : ${used} sur ${limit} utilisées, ${left} restantes`,
    resets: (time: string) => ` (remise à zéro à ${time} UTC)`,
    runNow: "Lancer maintenant",
    resume: "Reprendre",
    pause: "Mettre en pause",
    runs: "Exécutions",
    editSchedule: "Modifier la planification",
    locations: "Emplacements",
    notKept: "Non synchronisé",
    readLocations: "Lire les emplacements du point de vente",
    shopifyLocation: (name: string) => `${name} → emplacement Shopify`,
    sumLocations: "Additionner les emplacements du point de vente qui alimentent le même emplacement Shopify",
    saveLocations: "Enregistrer les emplacements",
    matchedBy: { sku: "SKU", barcode: "code-barres", name: "nom", merchant: "vous" } as Record<string, string>,
    ignored: "Ignoré",
    confirmedByYou: "Confirmé (associé par vous)",
    confirmedStatus: "Confirmé",
    noMatchEnterSku: "Aucune correspondance : saisissez un SKU Shopify",
    suggestedBy: (by: string | undefined) => (by ? `Suggéré par ${by}` : "Suggéré par une correspondance"),
    noMatch: "Aucune correspondance",
    sku: "SKU",
    shopifySku: "SKU Shopify",
    map: "Associer",
    confirm: "Confirmer",
    ignore: "Ignorer",
    items: "Articles",
    itemCount: (items: number, unmapped: number) =>
      `${items} article${items > 1 ? "s" : ""} du point de vente, ${unmapped} pas encore confirmé${unmapped > 1 ? "s" : ""}.`,
    suggest: "Suggérer des correspondances",
    confirmAll: "Confirmer toutes les suggestions",
    posItem: "Article du point de vente",
    shopifyVariant: "Variante Shopify",
    status: "Statut",
    refusedTitle: "Mouvements refusés par le point de vente",
    refusedHelp:
      "Ventes, remboursements et annulations qu'un point de vente a refusés définitivement : son stock n'a pas changé. Corrigez la cause (par exemple, associez de nouveau l'article) ; le mouvement n'est pas renvoyé.",
    noRefused: "Aucun mouvement refusé.",
    when: "Date",
    order: "Commande",
    move: "Mouvement",
    item: "Article",
    quantity: "Quantité",
    account: "Compte",
    why: "Pourquoi",
    kinds: { sale: "Vente", refund: "Remboursement", cancellation: "Annulation" } as Record<string, string>,
    refused: "Refusé",
    removedAccount: "Compte supprimé",
    atLocation: (location: string) => `à ${location}`,
    itemSku: (sku: string) => `SKU ${sku}`,
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const query = new URL(request.url).searchParams;
  const accounts = await listPosAccounts(session.shop, undefined, locale);
  const selected = query.get("account") ?? accounts[0]?.id ?? null;
  const current = accounts.find((a) => a.id === selected) ?? null;
  const shopLocations = await listShopLocations(session.shop, session.accessToken ?? "").catch(() => []);
  return {
    systems: posSystemChoices(locale),
    accounts,
    current,
    shopLocations,
    locations: current ? await listLocationMappings(session.shop, current.id) : null,
    items: current ? await listItemMappings(session.shop, current.id) : [],
    usage: current ? await posAccountUsage(session.shop, current.id, undefined, locale) : null,
    // Every account's refused moves, latest first, paged (?after= / ?before=), with why in the admin's words.
    refused: await refusedMovesPage(session.shop, { ...pageRequestFrom(query), limit: REFUSED_PER_PAGE }, locale),
    timeZone: await shopTimeZone(session.shop),
  };
};

type Answer = {
  intent: string;
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
  locations?: { id: string; name: string }[];
  /** The account saved (a new one becomes the one on screen). */
  accountId?: string;
};

function inputOf(form: FormData): PosAccountInput {
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("settings.")) {
      const name = key.slice("settings.".length);
      settings[name] = form.get(`kind.${name}`) === "list" ? String(value).split(/\s+/).filter(Boolean) : String(value);
    }
    if (key.startsWith("secrets.")) secrets[key.slice("secrets.".length)] = String(value);
  }
  return {
    system: String(form.get("system") ?? ""),
    name: String(form.get("name") ?? ""),
    settings,
    secrets,
    cron: String(form.get("cron") ?? ""),
  };
}

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const { locale } = localeOfRequest(request);
  const t = WORDS[locale];
  const accountId = String(form.get("accountId") ?? "") || undefined;
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "save": {
        const saved = await savePosAccount(session.shop, inputOf(form), accountId, undefined, locale);
        return {
          ok: true,
          message: t.saved(saved.name),
          fieldErrors: {},
          accountId: saved.id,
        };
      }
      case "test": {
        const tested = await testPosAccountForm(session.shop, inputOf(form), accountId, undefined, locale);
        return { ok: tested.ok, message: tested.message, fieldErrors: {}, locations: tested.locations };
      }
      case "read-locations": {
        // The saved account's locations (its stored address and secrets), for the location mapping.
        const tested = await testPosAccount(session.shop, accountId!, undefined, locale);
        return { ok: tested.ok, message: tested.message, fieldErrors: {}, locations: tested.locations };
      }
      case "remove":
        await removePosAccount(session.shop, accountId!);
        return { ok: true, message: t.removed, fieldErrors: {} };
      case "locations": {
        const mappings = JSON.parse(String(form.get("mappings") ?? "[]")) as {
          posLocationId: string;
          posLocationName: string;
          shopifyLocationId: string | null;
        }[];
        await apiSaveLocations(session.shop, accountId!, { mappings, sumLocations: form.get("sumLocations") === "on" });
        return { ok: true, message: t.locationsSaved, fieldErrors: {} };
      }
      case "refresh-items": {
        const r = await refreshItemMappings(session.shop, accountId!);
        return {
          ok: true,
          message: t.itemsRead(r.posItems, r.suggested, r.unmatched),
          fieldErrors: {},
        };
      }
      case "confirm-all":
        return {
          ok: true,
          message: t.confirmed(await confirmAllSuggestions(session.shop, accountId!)),
          fieldErrors: {},
        };
      case "item": {
        const posItemId = String(form.get("posItemId") ?? "");
        const what = String(form.get("what") ?? "");
        const sku = String(form.get("sku") ?? "").trim();
        await setItemMapping(
          session.shop,
          accountId!,
          what === "ignore" ? { posItemId, ignore: true } : sku ? { posItemId, sku } : { posItemId, confirm: true },
        );
        return { ok: true, message: t.itemSaved, fieldErrors: {} };
      }
      case "run":
      case "pause":
      case "resume":
        await apiOperation(session.shop, accountId!, intent, undefined, "manual");
        return {
          ok: true,
          message: intent === "run" ? t.pollQueued : intent === "pause" ? t.pollPaused : t.pollResumed,
          fieldErrors: {},
        };
      default:
        return unknownIntent();
    }
  });
  return { intent, ...result };
};

export default function PosSettingsPage() {
  const { systems, accounts, current, shopLocations, locations, items, usage, refused, timeZone } =
    useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const [, setSearch] = useSearchParams();
  const [adding, setAdding] = useState(accounts.length === 0);
  // What saving a new account answered, still shown once the form is that account's.
  const [notice, setNotice] = useState<string | null>(null);
  const editing = adding ? null : current;
  return (
    <Page
      title={t.title}
      backAction={{ content: t.settings, url: "/app/settings" }}
      primaryAction={{
        content: t.addAccount,
        onAction: () => {
          setNotice(null);
          setAdding(true);
        },
      }}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t.accounts}
              </Text>
              {accounts.length === 0 ? <Text as="p">{t.noAccount}</Text> : null}
              {accounts.map((a) => (
                <InlineStack key={a.id} gap="200" blockAlign="center">
                  <Button
                    variant={a.id === current?.id && !adding ? "primary" : "tertiary"}
                    onClick={() => {
                      setNotice(null);
                      setAdding(false);
                      setSearch({ account: a.id });
                    }}
                  >
                    {a.name}
                  </Button>
                  <Text as="span" tone="subdued">
                    {a.systemName} · {a.schedule}
                  </Text>
                  {a.paused ? <Badge tone="attention">{t.paused}</Badge> : <Badge tone="success">{t.active}</Badge>}
                </InlineStack>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <AccountForm
            key={editing?.id ?? "new"}
            systems={systems}
            account={editing}
            notice={notice}
            onSaved={(id, message) => {
              setNotice(message);
              setAdding(false);
              setSearch({ account: id });
            }}
          />
        </Layout.Section>
        {editing && locations ? (
          <>
            <Layout.Section>
              <Controls accountId={editing.id} paused={editing.paused} usage={usage} />
            </Layout.Section>
            <Layout.Section>
              {/* Keyed by account: another account's choices and read locations must not carry over. */}
              <LocationsCard key={editing.id} accountId={editing.id} shopLocations={shopLocations} saved={locations} />
            </Layout.Section>
            <Layout.Section>
              <ItemsCard accountId={editing.id} items={items} />
            </Layout.Section>
          </>
        ) : null}
        {refused.total > 0 ? (
          <Layout.Section>
            <RefusedCard refused={refused} timeZone={timeZone} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function AccountForm({
  systems,
  account,
  notice,
  onSaved,
}: {
  systems: Loaded["systems"];
  account: Loaded["current"];
  notice: string | null;
  onSaved: (accountId: string, message: string) => void;
}) {
  const t = useWords(WORDS);
  const fetcher = useFetcher<typeof action>();
  // A new account, once saved, is the one on screen (its locations and items below), not a second new form.
  const saved = !account && fetcher.data?.intent === "save" && fetcher.data.ok ? fetcher.data : undefined;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  useEffect(() => {
    if (saved?.accountId) onSavedRef.current(saved.accountId, saved.message);
  }, [saved]);
  const [system, setSystem] = useState(account?.system ?? systems[0]?.id ?? "");
  const [name, setName] = useState(account?.name ?? "");
  const [cron, setCron] = useState(account?.cron ?? "*/5 * * * *");
  const choice = systems.find((s) => s.id === system);
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      (choice?.settingFields ?? []).map((f) => {
        const v = account?.settings[f.name] as unknown;
        return [f.name, Array.isArray(v) ? (v as string[]).join("\n") : typeof v === "string" ? v : ""];
      }),
    ),
  );
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.fieldErrors : {};
  const fields = () => ({
    system,
    name,
    cron,
    ...(account ? { accountId: account.id } : {}),
    ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [`settings.${k}`, v])),
    ...Object.fromEntries((choice?.settingFields ?? []).map((f) => [`kind.${f.name}`, f.kind])),
    ...Object.fromEntries(Object.entries(secrets).map(([k, v]) => [`secrets.${k}`, v])),
  });
  return (
    <Card>
      <FormLayout>
        <Text as="h2" variant="headingMd">
          {account ? t.edit(account.name) : t.newAccount}
        </Text>
        {fetcher.data ? (
          <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner>
        ) : notice && account ? (
          <Banner tone="success">{notice}</Banner>
        ) : null}
        {fetcher.data?.intent === "test" && fetcher.data.locations?.length ? (
          <Text as="p">{t.locationsFound(fetcher.data.locations.map((l) => `${l.name} (${l.id})`).join(", "))}</Text>
        ) : null}
        <Select
          label={t.system}
          options={systems.map((s) => ({ label: s.name, value: s.id }))}
          value={system}
          onChange={setSystem}
          disabled={!!account}
        />
        <TextField
          label={t.accountName}
          value={name}
          onChange={setName}
          autoComplete="off"
          error={errors.name}
          helpText={t.accountNameHelp}
        />
        {(choice?.settingFields ?? []).map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            value={settings[f.name] ?? ""}
            onChange={(v) => setSettings((s) => ({ ...s, [f.name]: v }))}
            autoComplete="off"
            multiline={f.kind === "list" ? 3 : undefined}
            helpText={f.helpText}
            error={errors[`settings.${f.name}`]}
          />
        ))}
        {(choice?.secrets ?? []).map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            type="password"
            value={secrets[f.name] ?? ""}
            onChange={(v) => setSecrets((s) => ({ ...s, [f.name]: v }))}
            autoComplete="new-password"
            error={errors[`secrets.${f.name}`]}
            helpText={account?.secretsSet.includes(f.name) ? t.secretSaved : f.required ? t.required : t.optional}
          />
        ))}
        <TextField
          label={t.cron}
          value={cron}
          onChange={setCron}
          autoComplete="off"
          error={errors.cron}
          helpText={t.cronHelp}
        />
        <InlineStack gap="200">
          <Button
            variant="primary"
            loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "save"}
            onClick={() => fetcher.submit({ intent: "save", ...fields() }, { method: "post" })}
          >
            {t.save}
          </Button>
          <Button
            loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "test"}
            onClick={() => fetcher.submit({ intent: "test", ...fields() }, { method: "post" })}
          >
            {t.test}
          </Button>
          {account ? (
            <Button
              tone="critical"
              onClick={() => fetcher.submit({ intent: "remove", accountId: account.id }, { method: "post" })}
            >
              {t.remove}
            </Button>
          ) : null}
        </InlineStack>
      </FormLayout>
    </Card>
  );
}

function Controls({
  accountId,
  paused,
  usage,
}: {
  accountId: string;
  paused: boolean;
  usage: { used: number; limit: number; resetsAt?: string | Date; note?: string } | null;
}) {
  const t = useWords(WORDS);
  const format = useFormat();
  const fetcher = useFetcher<typeof action>();
  const submit = (intent: string) => fetcher.submit({ intent, accountId }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t.stockPoll}
        </Text>
        {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
        {usage ? (
          <Text as="p">
            {t.usage(
              !!usage.resetsAt,
              format.number(usage.used),
              format.number(usage.limit),
              format.number(Math.max(0, usage.limit - usage.used)),
            )}
            {usage.resetsAt ? t.resets(new Date(usage.resetsAt).toISOString().slice(11, 16)) : ""}
            {usage.note ? `. ${usage.note}` : ""}
          </Text>
        ) : null}
        <InlineStack gap="200">
          <Button onClick={() => submit("run")}>{t.runNow}</Button>
          <Button onClick={() => submit(paused ? "resume" : "pause")}>{paused ? t.resume : t.pause}</Button>
          {/* The runs are on the Syncs page (this account's card, its last run and run pages); the
              schedule page edits the poll's cron. */}
          <Button url="/app/syncs" variant="plain">
            {t.runs}
          </Button>
          <Button url={`/app/syncs/pos.stock.${accountId}`} variant="plain">
            {t.editSchedule}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function LocationsCard({
  accountId,
  shopLocations,
  saved,
}: {
  accountId: string;
  shopLocations: Loaded["shopLocations"];
  saved: NonNullable<Loaded["locations"]>;
}) {
  const t = useWords(WORDS);
  const fetcher = useFetcher<typeof action>();
  const test = useFetcher<typeof action>();
  const known =
    test.data?.locations ??
    saved.mappings.map((m) => ({ id: m.posLocationId, name: m.posLocationName || m.posLocationId }));
  const [chosen, setChosen] = useState<Record<string, string>>(
    Object.fromEntries(saved.mappings.map((m) => [m.posLocationId, m.shopifyLocationId ?? ""])),
  );
  const [sum, setSum] = useState(saved.sumLocations);
  const options = [{ label: t.notKept, value: "" }, ...shopLocations.map((l) => ({ label: l.name, value: l.id }))];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t.locations}
        </Text>
        {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
        {test.data && !test.data.ok ? <Banner tone="critical">{test.data.message}</Banner> : null}
        <Button
          loading={test.state !== "idle"}
          onClick={() => test.submit({ intent: "read-locations", accountId }, { method: "post" })}
        >
          {t.readLocations}
        </Button>
        {known.map((l) => (
          <Select
            key={l.id}
            label={t.shopifyLocation(l.name)}
            options={options}
            value={chosen[l.id] ?? ""}
            onChange={(v) => setChosen((c) => ({ ...c, [l.id]: v }))}
          />
        ))}
        <Checkbox label={t.sumLocations} checked={sum} onChange={setSum} />
        <Button
          onClick={() =>
            fetcher.submit(
              {
                intent: "locations",
                accountId,
                sumLocations: sum ? "on" : "",
                mappings: JSON.stringify(
                  known.map((l) => ({
                    posLocationId: l.id,
                    posLocationName: l.name,
                    shopifyLocationId: chosen[l.id] || null,
                  })),
                ),
              },
              { method: "post" },
            )
          }
        >
          {t.saveLocations}
        </Button>
      </BlockStack>
    </Card>
  );
}

type PosWords = (typeof WORDS)["en"];

/** An item row's state in words (the stored status and how the match was found). */
function itemStatus(item: Loaded["items"][number], t: PosWords): string {
  if (item.status === "ignored") return t.ignored;
  if (item.status === "confirmed") return item.matchedBy === "merchant" ? t.confirmedByYou : t.confirmedStatus;
  if (!item.variant) return t.noMatchEnterSku;
  return t.suggestedBy(t.matchedBy[item.matchedBy ?? ""]);
}

function ItemsCard({ accountId, items }: { accountId: string; items: Loaded["items"] }) {
  const t = useWords(WORDS);
  const fetcher = useFetcher<typeof action>();
  const [sku, setSku] = useState<Record<string, string>>({});
  const submit = (fields: Record<string, string>) => fetcher.submit({ accountId, ...fields }, { method: "post" });
  const rows = items.slice(0, 200).map((i) => [
    `${i.posName}${i.posSku ? ` (${i.posSku})` : ""}`,
    i.variant ? `${i.variant.name ?? ""} ${i.variant.sku ? `· ${i.variant.sku}` : ""}` : t.noMatch,
    itemStatus(i, t),
    <InlineStack key={i.posItemId} gap="100" blockAlign="center">
      <TextField
        label={t.sku}
        labelHidden
        placeholder={t.shopifySku}
        value={sku[i.posItemId] ?? ""}
        onChange={(v) => setSku((s) => ({ ...s, [i.posItemId]: v }))}
        autoComplete="off"
      />
      {/* Confirming needs a suggestion; without one (or to map elsewhere) the merchant types a SKU. */}
      {sku[i.posItemId] || (i.status === "suggested" && i.variant) ? (
        <Button
          size="slim"
          accessibilityLabel={`${sku[i.posItemId] ? t.map : t.confirm} ${i.posName}`}
          onClick={() => submit({ intent: "item", posItemId: i.posItemId, what: "map", sku: sku[i.posItemId] ?? "" })}
        >
          {sku[i.posItemId] ? t.map : t.confirm}
        </Button>
      ) : null}
      {i.status !== "ignored" ? (
        <Button
          size="slim"
          variant="plain"
          accessibilityLabel={`${t.ignore} ${i.posName}`}
          onClick={() => submit({ intent: "item", posItemId: i.posItemId, what: "ignore" })}
        >
          {t.ignore}
        </Button>
      ) : null}
    </InlineStack>,
  ]);
  const unmapped = items.filter((i) => i.status !== "ignored" && (i.status === "suggested" || !i.variant)).length;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t.items}
        </Text>
        {fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null}
        <Text as="p">{t.itemCount(items.length, unmapped)}</Text>
        <InlineStack gap="200">
          <Button onClick={() => submit({ intent: "refresh-items" })}>{t.suggest}</Button>
          <Button onClick={() => submit({ intent: "confirm-all" })}>{t.confirmAll}</Button>
        </InlineStack>
        <DataTable
          columnContentTypes={["text", "text", "text", "text"]}
          headings={[t.posItem, t.shopifyVariant, t.status, ""]}
          rows={rows}
        />
      </BlockStack>
    </Card>
  );
}

/** The moves a point of sale refused, latest first: which move, why (in the admin's language), paged. */
function RefusedCard({ refused, timeZone }: { refused: Loaded["refused"]; timeZone: string }) {
  const t = useWords(WORDS);
  const format = useFormat();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t.refusedTitle}
        </Text>
        <Text as="p" tone="subdued">
          {t.refusedHelp}
        </Text>
        {refused.items.length === 0 ? <Text as="p">{t.noRefused}</Text> : null}
        {refused.items.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text"]}
            headings={[t.when, t.move, t.item, t.quantity, t.account, t.status, t.why]}
            rows={refused.items.map((m) => [
              format.dateTime(m.at, timeZone),
              `${t.kinds[m.kind] ?? m.kind} · ${m.orderName}`,
              [m.itemName ?? m.posItemId, m.itemSku ? t.itemSku(m.itemSku) : null].filter(Boolean).join(" · "),
              format.number(m.quantity),
              `${m.accountName ?? t.removedAccount} ${t.atLocation(m.locationName ?? m.posLocationId)}`,
              <Badge key={m.id} tone="critical">
                {t.refused}
              </Badge>,
              m.reason,
            ])}
          />
        ) : null}
        <ListPager page={refused} shown={refused.items.length} pageSize={REFUSED_PER_PAGE} />
      </BlockStack>
    </Card>
  );
}
