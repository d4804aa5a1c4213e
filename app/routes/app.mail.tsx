import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
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
import { useState } from "react";
import { SectionCard } from "../components/SectionCard";
import { jobApplicationsScreen, saveJobApplicationRecipient } from "../job-applications/screen.server";
import { formResult, unknownIntent } from "../lib/http.server";
import { mailScreen, saveMailSettingsForm, sendTestMail } from "../mail/screen.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const [mail, jobApplications] = await Promise.all([
    mailScreen(session.shop, { template: url.searchParams.get("template"), locale: url.searchParams.get("locale") }),
    jobApplicationsScreen(session.shop),
  ]);
  return { ...mail, jobApplications };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { intent, ...form } = Object.fromEntries(
    [...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]),
  );
  if (intent === "save")
    return formResult(async () => {
      await saveMailSettingsForm(session.shop, form);
      return { ok: true as const, message: "Mail settings saved" };
    });
  if (intent === "test")
    return formResult(async () => {
      const outcome = await sendTestMail(session.shop, form.to, form.locale);
      return outcome.status === "sent"
        ? { ok: true as const, message: `Test mail sent to ${form.to}` }
        : { ok: false as const, message: `The test mail was not sent. ${outcome.error}`, fieldErrors: {} };
    });
  if (intent === "job-applications")
    return formResult(async () => {
      const recipient = await saveJobApplicationRecipient(session.shop, form.jobApplicationsTo);
      return {
        ok: true as const,
        message: recipient
          ? `Job applications will be mailed to ${recipient}`
          : "The storefront form no longer takes job applications",
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
  return (
    <Page title="Mail">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? <Banner tone={result.ok ? "success" : "critical"} title={result.message} /> : null}
            <SectionCard title="SMTP server">
              <Form method="post">
                <input type="hidden" name="intent" value="save" />
                <FormLayout>
                  <FormLayout.Group>
                    <Field label="Host" name="host" initial={s?.host ?? ""} error={errors.host} />
                    <Field label="Port" name="port" initial={String(s?.port ?? 587)} error={errors.port} />
                    <Select
                      label="Security"
                      name="tls"
                      value={tls}
                      onChange={setTls}
                      options={[
                        { label: "STARTTLS (port 587)", value: "starttls" },
                        { label: "TLS from the start (port 465)", value: "implicit" },
                        { label: "None (plain text)", value: "none" },
                      ]}
                    />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <Field label="User" name="user" initial={s?.user ?? ""} error={errors.user} />
                    <Field
                      label="Password"
                      name="password"
                      type="password"
                      initial=""
                      helpText={data.passwordSet ? "A password is saved. Leave empty to keep it." : undefined}
                    />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <Field
                      label="From"
                      name="from"
                      initial={s?.from ?? ""}
                      error={errors.from}
                      helpText='e.g. "Maison Démo" <boutique@example.fr>'
                    />
                    <Field label="Reply-to" name="replyTo" initial={s?.replyTo ?? ""} error={errors.replyTo} />
                  </FormLayout.Group>
                  <Field
                    label="Certificate to trust (PEM, optional)"
                    name="trustedCertificate"
                    initial={s?.trustedCertificate ?? ""}
                    multiline
                    error={errors.trustedCertificate}
                    helpText="Only for a server whose certificate is not signed by a public authority."
                  />
                  <Button submit variant="primary" loading={busy}>
                    Save
                  </Button>
                </FormLayout>
              </Form>
            </SectionCard>
            <SectionCard title="Send test mail">
              <Form method="post">
                <input type="hidden" name="intent" value="test" />
                <FormLayout>
                  <FormLayout.Group>
                    <Field label="Send to" name="to" initial="" error={errors.to} />
                    <LocaleSelect name="locale" locales={data.locales} initial="fr" />
                  </FormLayout.Group>
                  <Button submit loading={busy} disabled={!s}>
                    Send test mail
                  </Button>
                </FormLayout>
              </Form>
            </SectionCard>
            <SectionCard title="Job applications">
              <Form method="post">
                <input type="hidden" name="intent" value="job-applications" />
                <FormLayout>
                  <Field
                    label="Send job applications to"
                    name="jobApplicationsTo"
                    initial={data.jobApplications.recipient ?? ""}
                    error={errors.jobApplicationsTo}
                    helpText="The storefront's “Job application form” block mails each application, with its files, to this address. Empty: the form takes none."
                  />
                  <Button submit loading={busy}>
                    Save address
                  </Button>
                </FormLayout>
              </Form>
              {data.jobApplications.recent.length ? (
                <DataTable
                  columnContentTypes={["text", "text", "text"]}
                  headings={["Received", "Position", "Mail"]}
                  rows={data.jobApplications.recent.map((a) => [
                    new Date(a.at).toLocaleString(),
                    a.position,
                    a.status === "sent" ? (
                      <Badge tone="success">Sent</Badge>
                    ) : a.status === "pending" ? (
                      <Badge tone="attention">Waiting</Badge>
                    ) : (
                      <Text as="span" tone="critical">
                        {`Failed: ${a.error ?? ""}`}
                      </Text>
                    ),
                  ])}
                />
              ) : null}
            </SectionCard>
            <SectionCard title="Templates">
              <InlineStack gap="300" blockAlign="end">
                <Select
                  label="Template"
                  value={data.preview.template}
                  options={data.templates.map((t) => ({ label: t.title, value: t.id }))}
                  onChange={(v) => setParams((p) => (p.set("template", v), p))}
                />
                <Select
                  label="Language"
                  value={data.preview.locale}
                  options={data.locales.map((l) => ({ label: l.name, value: l.id }))}
                  onChange={(v) => setParams((p) => (p.set("locale", v), p))}
                />
              </InlineStack>
              <Text as="p" variant="headingSm">
                {data.preview.subject}
              </Text>
              <iframe
                title="Mail preview"
                srcDoc={data.preview.html}
                sandbox=""
                style={{ width: "100%", height: 480, border: "1px solid #e1e3e5", borderRadius: 8 }}
              />
              <pre style={{ whiteSpace: "pre-wrap", fontSize: 13 }}>{data.preview.text}</pre>
            </SectionCard>
            <SectionCard title="Mails sent">
              {data.log.length === 0 ? (
                <Text as="p" tone="subdued">
                  No mail sent yet.
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "text"]}
                  headings={["When", "To", "Subject", "Template", "Status"]}
                  rows={data.log.map((m) => [
                    new Date(m.at).toLocaleString(),
                    m.to,
                    m.subject,
                    m.template,
                    m.status === "sent" ? (
                      <Badge tone="success">Sent</Badge>
                    ) : (
                      <BlockStack gap="100">
                        <Badge tone="critical">Failed</Badge>
                        <Text as="span" tone="critical">
                          {m.error}
                        </Text>
                      </BlockStack>
                    ),
                  ])}
                />
              )}
            </SectionCard>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function LocaleSelect(props: { name: string; locales: { id: string; name: string }[]; initial: string }) {
  const [value, setValue] = useState(props.initial);
  return (
    <Select
      label="Language"
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
