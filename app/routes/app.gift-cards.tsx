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
import { SectionCard } from "../components/SectionCard";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import {
  checkGiftCardNow,
  postGiftCardMail,
  resendGiftCard,
  searchGiftCards,
  type GiftCardView,
} from "../sync/gift-cards/screen.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return { q, cards: await searchGiftCards(session.shop, q) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const {
    intent,
    code = "",
    ...form
  } = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  if (intent === "check")
    return formResult(async () => ({
      ok: true as const,
      message: (await checkGiftCardNow(session.shop, code)).message,
    }));
  if (intent === "resend")
    return formResult(async () => {
      const mail = await resendGiftCard(session.shop, code);
      return { ok: true as const, message: `A new mail to ${mail.to} is planned for now.` };
    });
  if (intent === "mail")
    return formResult(async () => {
      const mail = await postGiftCardMail(session.shop, code, form);
      return { ok: true as const, message: `The mail to ${mail.to} is planned.` };
    });
  return unknownIntent();
};

const money = (amount: number | null, currency: string) =>
  amount === null ? "—" : new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);

const MAIL_TONES = {
  sent: "success",
  failed: "critical",
  retrying: "warning",
  planned: "info",
  sending: "info",
} as const;

export default function GiftCards() {
  const { q, cards } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};
  const [search, setSearch] = useState(q);
  const [code, setCode] = useState("");
  return (
    <Page title="Gift cards">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? <Banner tone={result.ok ? "success" : "critical"} title={result.message} /> : null}
            <SectionCard title="Check a gift card">
              <Form method="post">
                <input type="hidden" name="intent" value="check" />
                <InlineStack gap="300" blockAlign="end">
                  <TextField
                    label="Code"
                    name="code"
                    value={code}
                    onChange={setCode}
                    autoComplete="off"
                    error={errors.code}
                    helpText="The card must be activated in the system that sold it; Shopify gets a card with the same code, once."
                  />
                  <Button submit variant="primary" loading={busy}>
                    Check
                  </Button>
                </InlineStack>
              </Form>
            </SectionCard>
            <SectionCard title="Search">
              <Form method="get">
                <InlineStack gap="300" blockAlign="end">
                  <TextField
                    label="Code or customer e-mail"
                    name="q"
                    value={search}
                    onChange={setSearch}
                    autoComplete="off"
                  />
                  <Button submit>Search</Button>
                </InlineStack>
              </Form>
            </SectionCard>
            {cards.length === 0 ? (
              <Card>
                <Text as="p" tone="subdued">
                  {q ? `No gift card matches "${q}".` : "No gift card checked yet."}
                </Text>
              </Card>
            ) : (
              cards.map((card) => <GiftCardCard key={card.code} card={card} busy={busy} />)
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function GiftCardCard({ card, busy }: { card: GiftCardView; busy: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {card.code}
          </Text>
          <InlineStack gap="200">
            <Badge tone={card.erp.activated ? "success" : "attention"}>
              {card.erp.activated ? "Activated in the ERP" : "Not activated in the ERP"}
            </Badge>
            <Badge tone={card.shopify.status === "linked" ? "success" : "attention"}>
              {card.shopify.status === "linked" ? "In Shopify" : "Not in Shopify"}
            </Badge>
            <Badge tone={card.mailStatus === "none" ? undefined : MAIL_TONES[card.mailStatus]}>
              {card.mailStatus === "none" ? "No mail" : `Mail ${card.mailStatus}`}
            </Badge>
          </InlineStack>
        </InlineStack>
        <Text as="p">
          ERP balance {money(card.erp.balance, card.erp.currency)} · Shopify balance{" "}
          {money(card.shopify.balance, card.erp.currency)} · initial {money(card.erp.initialValue, card.erp.currency)}
          {card.erp.expiresOn ? ` · expires ${card.erp.expiresOn}` : ""}
          {card.customerEmail ? ` · ${card.customerEmail}` : ""}
        </Text>
        {card.conflict ? <Banner tone="critical" title={card.conflict} /> : null}
        {card.unreportedOnline > 0 ? (
          <Banner
            tone="warning"
            title={`${money(card.unreportedOnline, card.erp.currency)} spent online is not in the ERP yet: enter it there by hand.`}
          />
        ) : null}
        {card.mails.length ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Mails
            </Text>
            {card.mails.map((m) => (
              <Text as="p" key={m.id} tone={m.status === "failed" || m.status === "retrying" ? "critical" : undefined}>
                {m.recipientName ? `${m.recipientName} <${m.to}>` : m.to} — {m.status}
                {m.sentAt ? ` ${new Date(m.sentAt).toLocaleString()}` : ` for ${new Date(m.sendAt).toLocaleString()}`}
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
              Check
            </Button>
          </Form>
          {card.mails.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resend" />
              <input type="hidden" name="code" value={card.code} />
              <Button submit loading={busy}>
                Resend
              </Button>
            </Form>
          ) : null}
          <Button onClick={() => setOpen(!open)} disclosure={open ? "up" : "down"}>
            Mail to a recipient
          </Button>
        </InlineStack>
        {open ? <RecipientForm code={card.code} busy={busy} /> : null}
      </BlockStack>
    </Card>
  );
}

function RecipientForm({ code, busy }: { code: string; busy: boolean }) {
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
            label="Recipient's e-mail"
            name="recipientEmail"
            value={fields.recipientEmail}
            onChange={set("recipientEmail")}
            autoComplete="off"
          />
          <TextField
            label="Recipient's name"
            name="recipientName"
            value={fields.recipientName}
            onChange={set("recipientName")}
            autoComplete="off"
          />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField
            label="From (giver)"
            name="senderName"
            value={fields.senderName}
            onChange={set("senderName")}
            autoComplete="off"
          />
          <TextField
            label="Language (fr, en, el)"
            name="locale"
            value={fields.locale}
            onChange={set("locale")}
            autoComplete="off"
          />
        </FormLayout.Group>
        <TextField
          label="Giver's message"
          name="message"
          value={fields.message}
          onChange={set("message")}
          multiline={3}
          autoComplete="off"
        />
        <Button submit loading={busy}>
          Plan the mail
        </Button>
      </FormLayout>
    </Form>
  );
}
