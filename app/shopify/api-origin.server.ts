// Lets the whole process (our Admin client and @shopify/shopify-app-remix's token exchange alike)
// talk to a Shopify stand-in: requests for https://<shop>.myshopify.com go to SHOPIFY_API_ORIGIN_OVERRIDE,
// with the shop's domain kept in the Host header. Configuration only; no code path knows about tests.
import { Agent, Dispatcher, setGlobalDispatcher } from "undici";

const SHOP_HOST = /\.myshopify\.com$/i;

class ShopifyOriginOverride extends Dispatcher {
  constructor(
    private readonly target: string,
    private readonly agent = new Agent({ keepAliveTimeout: 10_000 }),
  ) {
    super();
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const origin = new URL(String(options.origin));
    if (!SHOP_HOST.test(origin.hostname)) return this.agent.dispatch(options, handler);
    return this.agent.dispatch(
      { ...options, origin: this.target, headers: withHost(options.headers, origin.host) },
      handler,
    );
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  destroy(): Promise<void> {
    return this.agent.destroy();
  }
}

function withHost(headers: Dispatcher.DispatchOptions["headers"], host: string): Dispatcher.DispatchOptions["headers"] {
  if (!headers) return { host };
  if (Array.isArray(headers)) return [...headers.filter((_, i, all) => !isHostAt(all, i)), "host", host];
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    return [...(headers as Iterable<[string, string]>)].flat().concat(["host", host]);
  }
  return { ...(headers as Record<string, string>), host };
}

function isHostAt(flat: readonly unknown[], index: number): boolean {
  const keyIndex = index % 2 === 0 ? index : index - 1;
  return String(flat[keyIndex]).toLowerCase() === "host";
}

let installed: string | undefined;

/** Idempotent: installs the override once per process when an origin is configured. */
export function installShopifyOriginOverride(targetOrigin: string | undefined): void {
  if (!targetOrigin || installed === targetOrigin) return;
  setGlobalDispatcher(new ShopifyOriginOverride(targetOrigin));
  installed = targetOrigin;
}
