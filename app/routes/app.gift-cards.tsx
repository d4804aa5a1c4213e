import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { ListPager } from "../components/ListPager";
import { SectionCard } from "../components/SectionCard";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";
import {
  checkGiftCardNow,
  postGiftCardMail,
  resendGiftCard,
  giftCardsPage,
  type GiftCardView,
} from "../sync/gift-cards/screen.server";

const CARDS_PER_PAGE = 50;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const [cards, timeZone] = await Promise.all([
    giftCardsPage(
      session.shop,
      q,
      { ...pageRequestFrom(url.searchParams), limit: CARDS_PER_PAGE },
      localeOfRequest(request).locale,
    ),
    shopTimeZone(session.shop),
  ]);
  return { q, cards, timeZone };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const {
    intent,
    code = "",
    ...form
  } = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  const { locale } = localeOfRequest(request);
  const t = WORDS[locale];
  if (intent === "check")
    return formResult(async () => ({
      ok: true as const,
      message: (await checkGiftCardNow(session.shop, code, locale)).message,
    }));
  if (intent === "resend")
    return formResult(async () => {
      const mail = await resendGiftCard(session.shop, code, locale);
      return { ok: true as const, message: t.resent(mail.to) };
    });
  if (intent === "mail")
    return formResult(async () => {
      const mail = await postGiftCardMail(session.shop, code, form, locale);
      return { ok: true as const, message: t.planned(mail.to) };
    });
  return unknownIntent();
};

type MailStatus = GiftCardView["mails"][number]["status"];

const WORDS = defineWords({
  en: {
    title: "Gift cards",
    resent: (to: string) => `A new mail to ${to} is planned for now.`,
    planned: (to: string) => `The mail to ${to} is planned.`,
    checkCard: "Check a gift card",
    code: "Code",
    codeHelp: "The card must be activated in the system that sold it; Shopify gets a card with the same code, once.",
    check: "Check",
    search: "Search",
    codeOrEmail: "Code or customer e-mail",
    noMatch: (q: string) => `No gift card matches "${q}".`,
    noneYet: "No gift card checked yet.",
    activated: "Activated in the ERP",
    notActivated: "Not activated in the ERP",
    inShopify: "In Shopify",
    notInShopify: "Not in Shopify",
    noMail: "No mail",
    mailStatus: (status: string) => `Mail ${status}`,
    statuses: {
      planned: "planned",
      retrying: "retrying",
      sending: "sending",
      sent: "sent",
      failed: "failed",
    } satisfies Record<MailStatus, string>,
    balances: (erp: string, shopify: string, initial: string) =>
      `ERP balance ${erp} · Shopify balance ${shopify} · initial ${initial}`,
    expires: (on: string) => ` · expires ${on}`,
    unreported: (amount: string) => `${amount} spent online is not in the ERP yet: enter it there by hand.`,
    mails: "Mails",
    forWhen: (when: string) => ` for ${when}`,
    resend: "Resend",
    mailTo: "Mail to a recipient",
    recipientEmail: "Recipient's e-mail",
    recipientName: "Recipient's name",
    from: "From (giver)",
    language: "Language (fr, en, el)",
    message: "Giver's message",
    plan: "Plan the mail",
  },
  fr: {
    title: "Cartes cadeaux",
    resent: (to: string) => `Un nouvel e-mail à ${to} est planifié pour maintenant.`,
    planned: (to: string) => `L'e-mail à ${to} est planifié.`,
    checkCard: "Vérifier une carte cadeau",
    code: "Code",
    codeHelp:
      "La carte doit être activée dans le système qui l'a vendue ; Shopify reçoit une carte avec le même code, une seule fois.",
    check: "Vérifier",
    search: "Rechercher",
    codeOrEmail: "Code ou e-mail du client",
    noMatch: (q: string) => `Aucune carte cadeau ne correspond à « ${q} ».`,
    noneYet: "Aucune carte cadeau vérifiée pour l'instant.",
    activated: "Activée dans l'ERP",
    notActivated: "Non activée dans l'ERP",
    inShopify: "Dans Shopify",
    notInShopify: "Pas dans Shopify",
    noMail: "Aucun e-mail",
    mailStatus: (status: string) => `E-mail ${status}`,
    statuses: {
      planned: "planifié",
      retrying: "nouvel essai prévu",
      sending: "en cours d'envoi",
      sent: "envoyé",
      failed: "en échec",
    },
    balances: (erp: string, shopify: string, initial: string) =>
      `Solde ERP ${erp} · Solde Shopify ${shopify} · initial ${initial}`,
    expires: (on: string) => ` · expire le ${on}`,
    unreported: (amount: string) =>
      `${amount} dépensés en ligne ne sont pas encore dans l'ERP : saisissez-les-y à la main.`,
    mails: "E-mails",
    forWhen: (when: string) => ` pour le ${when}`,
    resend: "Renvoyer",
    mailTo: "Envoyer à un destinataire",
    recipientEmail: "E-mail du destinataire",
    recipientName: "Nom du destinataire",
    from: "De la part de (offrant)",
    language: "Langue (fr, en, el)",
    message: "Message de l'offrant",
    plan: "Planifier l'e-mail",
  },
});

const MAIL_TONES = {
  sent: "success",
  failed: "critical",
  retrying: "warning",
  planned: "info",
  sending: "info",
} as const;

export default function GiftCards() {
  const { q, cards, timeZone } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};
  const [search, setSearch] = useState(q);
  const [code, setCode] = useState("");
  return (
    <Page title={t.title}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? <Banner tone={result.ok ? "success" : "critical"} title={result.message} /> : null}
            <SectionCard title={t.checkCard}>
              <Form method="post">
                <input type="hidden" name="intent" value="check" />
                <InlineStack gap="300" blockAlign="end">
                  <TextField
                    label={t.code}
                    name="code"
                    value={code}
                    onChange={setCode}
                    autoComplete="off"
                    error={errors.code}
                    helpText={t.codeHelp}
                  />
                  <Button submit variant="primary" loading={busy}>
                    {t.check}
                  </Button>
                </InlineStack>
              </Form>
            </SectionCard>
            <SectionCard title={t.search}>
              <Form method="get">
                <InlineStack gap="300" blockAlign="end">
                  <TextField label={t.codeOrEmail} name="q" value={search} onChange={setSearch} autoComplete="off" />
                  <Button submit>{t.search}</Button>
                </InlineStack>
              </Form>
            </SectionCard>
            {cards.total === 0 ? (
              <Card>
                <Text as="p" tone="subdued">
                  {q ? t.noMatch(q) : t.noneYet}
                </Text>
              </Card>
            ) : (
              <>
                {cards.items.map((card) => (
                  <GiftCardCard key={card.code} card={card} busy={busy} timeZone={timeZone} />
                ))}
                <ListPager page={cards} shown={cards.items.length} pageSize={CARDS_PER_PAGE} />
              </>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function GiftCardCard({ card, busy, timeZone }: { card: GiftCardView; busy: boolean; timeZone: string }) {
  const [open, setOpen] = useState(false);
  const t = useWords(WORDS);
  const format = useFormat();
  const money = (amount: number | null, currency: string) => (amount === null ? "—" : format.money(amount, currency));
  // The card's expiry is a calendar day ("2027-12-31"): read as a day, no time zone moves it.
  const day = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(`${value}T12:00:00Z`, "UTC") : value);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {card.code}
          </Text>
          <InlineStack gap="200">
            <Badge tone={card.erp.activated ? "success" : "attention"}>
              {card.erp.activated ? t.activated : t.notActivated}
            </Badge>
            <Badge tone={card.shopify.status === "linked" ? "success" : "attention"}>
              {card.shopify.status === "linked" ? t.inShopify : t.notInShopify}
            </Badge>
            <Badge tone={card.mailStatus === "none" ? undefined : MAIL_TONES[card.mailStatus]}>
              {card.mailStatus === "none" ? t.noMail : t.mailStatus(t.statuses[card.mailStatus])}
            </Badge>
          </InlineStack>
        </InlineStack>
        <Text as="p">
          {t.balances(
            money(card.erp.balance, card.erp.currency),
            money(card.shopify.balance, card.erp.currency),
            money(card.erp.initialValue, card.erp.currency),
          )}
          {card.erp.expiresOn ? t.expires(day(card.erp.expiresOn)) : ""}
          {card.customerEmail ? ` · ${card.customerEmail}` : ""}
        </Text>
        {card.conflict ? <Banner tone="critical" title={card.conflict} /> : null}
        {card.unreportedOnline > 0 ? (
          <Banner tone="warning" title={t.unreported(money(card.unreportedOnline, card.erp.currency))} />
        ) : null}
        {card.mails.length ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              {t.mails}
            </Text>
            {card.mails.map((m) => (
              <Text as="p" key={m.id} tone={m.status === "failed" || m.status === "retrying" ? "critical" : undefined}>
                {m.recipientName ? `${m.recipientName} <${m.to}>` : m.to} — {t.statuses[m.status]}
                {m.sentAt ? ` ${format.dateTime(m.sentAt, timeZone)}` : t.forWhen(format.dateTime(m.sendAt, timeZone))}
                {m.error ? ` — ${m.error}` : ""}
              </Text>
            ))}
          </BlockStack>
        ) : null}
        <InlineStack gap="200">
          <Form method="post">
            <input type="hidden" name="intent" value="check" />
            <input type="hidden" name="code" value={card.code} />
            <Button submit loading={busy}>
              {t.check}
            </Button>
          </Form>
          {card.mails.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resend" />
              <input type="hidden" name="code" value={card.code} />
              <Button submit loading={busy}>
                {t.resend}
              </Button>
            </Form>
          ) : null}
          <Button onClick={() => setOpen(!open)} disclosure={open ? "up" : "down"}>
            {t.mailTo}
          </Button>
        </InlineStack>
        {open ? <RecipientForm code={card.code} busy={busy} /> : null}
      </BlockStack>
    </Card>
  );
}

function RecipientForm({ code, busy }: { code: string; busy: boolean }) {
  const t = useWords(WORDS);
  const [fields, setFields] = useState({
    recipientEmail: "",
    recipientName: "",
    senderName: "",
    message: "",
    locale: "fr",
  });
  const set = (name: keyof typeof fields) => (value: string) => setFields({ ...fields, [name]: value });
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="mail" />
      <input type="hidden" name="code" value={code} />
      <FormLayout>
        <FormLayout.Group>
          <TextField
            label={t.recipientEmail}
            name="recipientEmail"
            value={fields.recipientEmail}
            onChange={set("recipientEmail")}
            autoComplete="off"
          />
          <TextField
            label={t.recipientName}
            name="recipientName"
            value={fields.recipientName}
            onChange={set("recipientName")}
            autoComplete="off"
          />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField
            label={t.from}
            name="senderName"
            value={fields.senderName}
            onChange={set("senderName")}
            autoComplete="off"
          />
          <TextField
            label={t.language}
            name="locale"
            value={fields.locale}
            onChange={set("locale")}
            autoComplete="off"
          />
        </FormLayout.Group>
        <TextField
          label={t.message}
          name="message"
          value={fields.message}
          onChange={set("message")}
          multiline={3}
          autoComplete="off"
        />
        <Button submit loading={busy}>
          {t.plan}
        </Button>
      </FormLayout>
    </Form>
  );
}
