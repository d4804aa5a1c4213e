import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useRef, useState } from "react";
import { ListPager } from "../components/ListPager";
import { SectionCard } from "../components/SectionCard";
import { localeOfRequest } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { jobApplicationsScreen, saveJobApplicationRecipient } from "../job-applications/screen.server";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { mailScreen, saveMailSettingsForm, sendTestMail } from "../mail/screen.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    title: "Mail",
    saved: "Mail settings saved",
    testSent: (to: string) => `Test mail sent to ${to}`,
    testNotSent: (error: string) => `The test mail was not sent. ${error}`,
    jobApplicationsTo: (to: string) => `Job applications will be mailed to ${to}`,
    noJobApplications: "The storefront form no longer takes job applications",
    smtp: "SMTP server",
    host: "Host",
    port: "Port",
    security: "Security",
    starttls: "STARTTLS (port 587)",
    implicit: "TLS from the start (port 465)",
    none: "None (plain text)",
    user: "User",
    password: "Password",
    passwordSaved: "A password is saved. Leave empty to keep it.",
    from: "From",
    fromHelp: 'e.g. "Maison Démo" <boutique@example.fr>',
    replyTo: "Reply-to",
    certificate: "Certificate to trust (PEM, optional)",
    certificateHelp: "Only for a server whose certificate is not signed by a public authority.",
    save: "Save",
    sendTest: "Send test mail",
    sendTo: "Send to",
    sendTestHelp:
      "Sends with the settings above as they are typed, without saving them: a new password is checked before it replaces the saved one.",
    language: "Language",
    jobApplications: "Job applications",
    sendJobApplicationsTo: "Send job applications to",
    jobApplicationsHelp:
      "The storefront's “Job application form” block mails each application, with its files, to this address. Empty: the form takes none.",
    saveAddress: "Save address",
    jobHeadings: ["Received", "Position", "Mail"],
    sent: "Sent",
    waiting: "Waiting",
    failedWith: (error: string) => `Failed: ${error}`,
    templates: "Templates",
    template: "Template",
    templateTitles: {} as Record<string, string>,
    preview: "Mail preview",
    mailsSent: "Mails sent",
    noMail: "No mail sent yet.",
    logHeadings: ["When", "To", "Subject", "Template", "Status"],
    failed: "Failed",
  },
  fr: {
    title: "E-mails",
    saved: "Paramètres d'e-mail enregistrés",
    testSent: (to: string) => `E-mail de test envoyé à ${to}`,
    testNotSent: (error: string) => `L'e-mail de test n'a pas été envoyé. « ${error} »`,
    jobApplicationsTo: (to: string) => `Les candidatures seront envoyées à ${to}`,
    noJobApplications: "Le formulaire de la boutique en ligne ne prend plus de candidatures",
    smtp: "Serveur SMTP",
    host: "Hôte",
    port: "Port",
    security: "Sécurité",
    starttls: "STARTTLS (port 587)",
    implicit: "TLS dès le départ (port 465)",
    none: "Aucune (texte en clair)",
    user: "Utilisateur",
    password: "Mot de passe",
    passwordSaved: "Un mot de passe est enregistré. Laissez vide pour le conserver.",
    from: "Expéditeur",
    fromHelp: 'par ex. "Maison Démo" <boutique@example.fr>',
    replyTo: "Répondre à",
    certificate: "Certificat à approuver (PEM, facultatif)",
    certificateHelp: "Seulement pour un serveur dont le certificat n'est pas signé par une autorité publique.",
    save: "Enregistrer",
    sendTest: "Envoyer un e-mail de test",
    sendTo: "Envoyer à",
    sendTestHelp:
      "Envoie avec les paramètres ci-dessus tels qu'ils sont saisis, sans les enregistrer : un nouveau mot de passe est vérifié avant de remplacer celui enregistré.",
    language: "Langue",
    jobApplications: "Candidatures",
    sendJobApplicationsTo: "Envoyer les candidatures à",
    jobApplicationsHelp:
      "Le bloc « Formulaire de candidature » de la boutique en ligne envoie chaque candidature, avec ses fichiers, à cette adresse. Vide : le formulaire n'en prend aucune.",
    saveAddress: "Enregistrer l'adresse",
    jobHeadings: ["Reçue le", "Poste", "E-mail"],
    sent: "Envoyé",
    waiting: "En attente",
    failedWith: (error: string) => `Échec : « ${error} »`,
    templates: "Modèles",
    template: "Modèle",
    templateTitles: {
      alert: "Alerte pour les destinataires des alertes de la boutique",
      "gift-card": "Carte-cadeau pour son destinataire",
      "job-application": "Candidature",
      "test-mail": "E-mail de test",
    },
    preview: "Aperçu de l'e-mail",
    mailsSent: "E-mails envoyés",
    noMail: "Aucun e-mail envoyé pour l'instant.",
    logHeadings: ["Quand", "À", "Objet", "Modèle", "Statut"],
    failed: "Échec",
  },
});

const MAILS_PER_PAGE = 50;
const APPLICATIONS_PER_PAGE = 20;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const [mail, jobApplications] = await Promise.all([
    // The preview's language is its own parameter: `locale` is the admin's (app/i18n/locale.ts).
    mailScreen(
      session.shop,
      { template: url.searchParams.get("template"), locale: url.searchParams.get("mailLocale") },
      localeOfRequest(request).locale,
      { ...pageRequestFrom(url.searchParams), limit: MAILS_PER_PAGE },
    ),
    jobApplicationsScreen(session.shop, localeOfRequest(request).locale, {
      ...pageRequestFrom(url.searchParams, "j"),
      limit: APPLICATIONS_PER_PAGE,
    }),
  ]);
  return { ...mail, jobApplications };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const words = WORDS[locale];
  const { intent, ...form } = Object.fromEntries(
    [...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]),
  );
  if (intent === "save")
    return formResult(async () => {
      await saveMailSettingsForm(session.shop, form, locale);
      return { ok: true as const, message: words.saved };
    });
  if (intent === "test")
    return formResult(async () => {
      // The SMTP form as typed (sent along by the screen), tested without saving; the API may omit it.
      const { to, locale: mailLanguage, ...typed } = form;
      const outcome = await sendTestMail(session.shop, to, mailLanguage, locale, "host" in typed ? typed : undefined);
      return outcome.status === "sent"
        ? { ok: true as const, message: words.testSent(form.to ?? "") }
        : {
            ok: false as const,
            message: words.testNotSent(storedText(outcome.error, outcome.errorWords, locale)),
            fieldErrors: {},
          };
    });
  if (intent === "job-applications")
    return formResult(async () => {
      const recipient = await saveJobApplicationRecipient(session.shop, form.jobApplicationsTo, locale);
      return {
        ok: true as const,
        message: recipient ? words.jobApplicationsTo(recipient) : words.noJobApplications,
      };
    });
  return unknownIntent();
};

export default function Mail() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [, setParams] = useSearchParams();
  const errors: Record<string, string> = result && !result.ok && "fieldErrors" in result ? result.fieldErrors : {};
  const s = data.settings;
  const [tls, setTls] = useState<string>(s?.tls ?? "starttls");
  const t = useWords(WORDS);
  const format = useFormat();
  const smtpForm = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  return (
    <Page title={t.title}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? <Banner tone={result.ok ? "success" : "critical"} title={result.message} /> : null}
            <SectionCard title={t.smtp}>
              <Form method="post" ref={smtpForm}>
                <input type="hidden" name="intent" value="save" />
                <FormLayout>
                  <FormLayout.Group>
                    <Field label={t.host} name="host" initial={s?.host ?? ""} error={errors.host} />
                    <Field label={t.port} name="port" initial={String(s?.port ?? 587)} error={errors.port} />
                    <Select
                      label={t.security}
                      name="tls"
                      value={tls}
                      onChange={setTls}
                      options={[
                        { label: t.starttls, value: "starttls" },
                        { label: t.implicit, value: "implicit" },
                        { label: t.none, value: "none" },
                      ]}
                    />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <Field label={t.user} name="user" initial={s?.user ?? ""} error={errors.user} />
                    <Field
                      label={t.password}
                      name="password"
                      type="password"
                      initial=""
                      helpText={data.passwordSet ? t.passwordSaved : undefined}
                    />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <Field
                      label={t.from}
                      name="from"
                      initial={s?.from ?? ""}
                      error={errors.from}
                      helpText={t.fromHelp}
                    />
                    <Field label={t.replyTo} name="replyTo" initial={s?.replyTo ?? ""} error={errors.replyTo} />
                  </FormLayout.Group>
                  <Field
                    label={t.certificate}
                    name="trustedCertificate"
                    initial={s?.trustedCertificate ?? ""}
                    multiline
                    error={errors.trustedCertificate}
                    helpText={t.certificateHelp}
                  />
                  <Button submit variant="primary" loading={busy}>
                    {t.save}
                  </Button>
                </FormLayout>
              </Form>
            </SectionCard>
            <SectionCard title={t.sendTest}>
              <Form
                method="post"
                onSubmit={(event) => {
                  // The test sends what the SMTP form holds now, saved or not.
                  event.preventDefault();
                  const data = new FormData(smtpForm.current ?? undefined);
                  for (const [key, value] of new FormData(event.currentTarget)) data.set(key, value);
                  submit(data, { method: "post" });
                }}
              >
                <input type="hidden" name="intent" value="test" />
                <FormLayout>
                  <FormLayout.Group>
                    <Field label={t.sendTo} name="to" initial="" error={errors.to} />
                    <LocaleSelect label={t.language} name="locale" locales={data.locales} initial="fr" />
                  </FormLayout.Group>
                  <Text as="p" tone="subdued">
                    {t.sendTestHelp}
                  </Text>
                  <Button submit loading={busy}>
                    {t.sendTest}
                  </Button>
                </FormLayout>
              </Form>
            </SectionCard>
            <SectionCard title={t.jobApplications}>
              <Form method="post">
                <input type="hidden" name="intent" value="job-applications" />
                <FormLayout>
                  <Field
                    label={t.sendJobApplicationsTo}
                    name="jobApplicationsTo"
                    initial={data.jobApplications.recipient ?? ""}
                    error={errors.jobApplicationsTo}
                    helpText={t.jobApplicationsHelp}
                  />
                  <Button submit loading={busy}>
                    {t.saveAddress}
                  </Button>
                </FormLayout>
              </Form>
              {data.jobApplications.applications.total ? (
                <DataTable
                  columnContentTypes={["text", "text", "text"]}
                  headings={t.jobHeadings}
                  rows={data.jobApplications.applications.items.map((a) => [
                    format.dateTime(a.at, data.timeZone),
                    a.position,
                    a.status === "sent" ? (
                      <Badge tone="success">{t.sent}</Badge>
                    ) : a.status === "pending" ? (
                      <Badge tone="attention">{t.waiting}</Badge>
                    ) : (
                      <Text as="span" tone="critical">
                        {t.failedWith(a.error ?? "")}
                      </Text>
                    ),
                  ])}
                />
              ) : null}
              <ListPager
                page={data.jobApplications.applications}
                shown={data.jobApplications.applications.items.length}
                pageSize={APPLICATIONS_PER_PAGE}
                prefix="j"
              />
            </SectionCard>
            <SectionCard title={t.templates}>
              <InlineStack gap="300" blockAlign="end">
                <Select
                  label={t.template}
                  value={data.preview.template}
                  options={data.templates.map((m) => ({ label: t.templateTitles[m.id] ?? m.title, value: m.id }))}
                  onChange={(v) => setParams((p) => (p.set("template", v), p))}
                />
                <Select
                  label={t.language}
                  value={data.preview.locale}
                  options={data.locales.map((l) => ({ label: l.name, value: l.id }))}
                  onChange={(v) => setParams((p) => (p.set("mailLocale", v), p))}
                />
              </InlineStack>
              <Text as="p" variant="headingSm">
                {data.preview.subject}
              </Text>
              <iframe
                title={t.preview}
                srcDoc={data.preview.html}
                sandbox=""
                style={{ width: "100%", height: 480, border: "1px solid #e1e3e5", borderRadius: 8 }}
              />
              <pre style={{ whiteSpace: "pre-wrap", fontSize: 13 }}>{data.preview.text}</pre>
            </SectionCard>
            <SectionCard title={t.mailsSent}>
              {data.log.total === 0 ? (
                <Text as="p" tone="subdued">
                  {t.noMail}
                </Text>
              ) : (
                <BlockStack gap="300">
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "text"]}
                    headings={t.logHeadings}
                    rows={data.log.items.map((m) => [
                      format.dateTime(m.at, data.timeZone),
                      m.to,
                      m.subject,
                      m.template,
                      m.status === "sent" ? (
                        <Badge tone="success">{t.sent}</Badge>
                      ) : (
                        <BlockStack gap="100">
                          <Badge tone="critical">{t.failed}</Badge>
                          <Text as="span" tone="critical">
                            {m.error}
                          </Text>
                        </BlockStack>
                      ),
                    ])}
                  />
                  <ListPager page={data.log} shown={data.log.items.length} pageSize={MAILS_PER_PAGE} />
                </BlockStack>
              )}
            </SectionCard>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function LocaleSelect(props: {
  label: string;
  name: string;
  locales: { id: string; name: string }[];
  initial: string;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <Select
      label={props.label}
      name={props.name}
      value={value}
      onChange={setValue}
      options={props.locales.map((l) => ({ label: l.name, value: l.id }))}
    />
  );
}

/** A text field posted with the form (Polaris fields are controlled). */
function Field(props: {
  label: string;
  name: string;
  initial: string;
  type?: "text" | "password";
  helpText?: string;
  error?: string;
  multiline?: boolean;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <TextField
      label={props.label}
      name={props.name}
      type={props.type}
      value={value}
      onChange={setValue}
      autoComplete="off"
      helpText={props.helpText}
      error={props.error}
      multiline={props.multiline ? 4 : undefined}
    />
  );
}
