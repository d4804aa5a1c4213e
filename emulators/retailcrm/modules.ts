// Warehouse system registration: POST /api/v5/integration-modules/{code}/edit (creates or changes) and
// GET /api/v5/integration-modules/{code}.
import type { ApiMethod } from "./context";
import { RetailCrmError } from "./envelope";
import { isRecord, jsonField } from "./params";
import type { IntegrationModule, StoreAction } from "./store";

/** Callback methods a warehouse module can register under integrations.store.actions. */
export const STORE_ACTIONS = ["inventoriesUpload"] as const;

export const editIntegrationModule: ApiMethod = ({ account, params, path }) => {
  const input = jsonField(params, "integrationModule");
  if (!isRecord(input)) throw RetailCrmError.validation({ integrationModule: "This value should be of type object." });
  const code = path.code;
  const existing = account.modules.get(code);
  const errors: Record<string, string> = {};
  if (input.code !== undefined && input.code !== code)
    errors.code = `The code must be the one of the address (${code}).`;

  const text = (key: string, required: boolean): string | undefined => {
    const value = input[key];
    if (value === undefined || value === null) {
      if (required) errors[key] = "This value should not be blank.";
      return undefined;
    }
    if (typeof value !== "string" || (required && !value.trim())) {
      errors[key] = "This value should be a non-empty string.";
      return undefined;
    }
    return value;
  };
  const creating = existing === undefined;
  const name = text("name", creating);
  const baseUrl = text("baseUrl", creating);
  const clientId = text("clientId", creating);
  const logo = text("logo", false);
  const accountUrl = text("accountUrl", false);
  const integrationCode = text("integrationCode", false);
  if (baseUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(baseUrl)) errors.baseUrl = "This value is not a valid URL.";
  const active = booleanField(input, "active", errors);
  const freeze = booleanField(input, "freeze", errors);
  const integrations = input.integrations === undefined ? undefined : readIntegrations(input.integrations, errors);
  if (Object.keys(errors).length) throw RetailCrmError.validation(errors);

  const module: IntegrationModule = {
    code,
    integrationCode: integrationCode ?? existing?.integrationCode ?? code,
    name: name ?? existing!.name,
    baseUrl: baseUrl ?? existing!.baseUrl,
    clientId: clientId ?? existing!.clientId,
    logo: logo ?? existing?.logo,
    accountUrl: accountUrl ?? existing?.accountUrl,
    active: active ?? existing?.active ?? true,
    freeze: freeze ?? existing?.freeze ?? false,
    integrations: { ...(existing?.integrations ?? {}), ...(integrations ?? {}) },
  };
  account.modules.set(code, module);
  return { status: creating ? 201 : 200, body: { success: true, info: {} } };
};

export const getIntegrationModule: ApiMethod = ({ account, path }) => {
  const module = account.modules.get(path.code);
  if (!module) throw RetailCrmError.notFound();
  return { body: { success: true, integrationModule: moduleView(module) } };
};

export function moduleView(module: IntegrationModule) {
  return {
    code: module.code,
    integrationCode: module.integrationCode,
    active: module.active,
    freeze: module.freeze,
    name: module.name,
    ...(module.logo ? { logo: module.logo } : {}),
    clientId: module.clientId,
    baseUrl: module.baseUrl,
    ...(module.accountUrl ? { accountUrl: module.accountUrl } : {}),
    integrations: module.integrations,
  };
}

function booleanField(input: Record<string, unknown>, key: string, errors: Record<string, string>) {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  if (value === 1 || value === "1" || value === "true") return true;
  if (value === 0 || value === "0" || value === "false") return false;
  errors[key] = "This value should be of type bool.";
  return undefined;
}

function readIntegrations(value: unknown, errors: Record<string, string>): IntegrationModule["integrations"] {
  if (!isRecord(value)) {
    errors.integrations = "This value should be of type object.";
    return {};
  }
  const result: IntegrationModule["integrations"] = { ...value };
  if (value.store === undefined) return result;
  if (!isRecord(value.store)) {
    errors["integrations.store"] = "This value should be of type object.";
    return result;
  }
  const actions = value.store.actions ?? [];
  if (!Array.isArray(actions)) {
    errors["integrations.store.actions"] = "This value should be of type array.";
    return result;
  }
  const checked: StoreAction[] = [];
  actions.forEach((action: unknown, i) => {
    const at = `integrations.store.actions[${i}]`;
    if (!isRecord(action)) {
      errors[at] = "This value should be of type object.";
      return;
    }
    if (!(STORE_ACTIONS as readonly unknown[]).includes(action.code))
      errors[`${at}.code`] = `The value must be one of: ${STORE_ACTIONS.join(", ")}.`;
    if (typeof action.url !== "string" || !action.url.trim()) errors[`${at}.url`] = "This value should not be blank.";
    const callPoints = action.callPoints ?? [];
    if (!Array.isArray(callPoints) || !callPoints.every((p) => typeof p === "string" && p))
      errors[`${at}.callPoints`] = "This value should be a list of call point codes.";
    if (typeof action.code === "string" && typeof action.url === "string" && Array.isArray(callPoints))
      checked.push({ code: action.code, url: action.url, callPoints: callPoints as string[] });
  });
  result.store = { ...value.store, actions: checked };
  return result;
}
