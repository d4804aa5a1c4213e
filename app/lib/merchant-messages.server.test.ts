import net from "node:net";
import { describe, expect, it } from "vitest";
import { sayIn, textOf } from "../i18n/stored-words";
import { TransientError } from "./errors";
import {
  TECHNICAL_TEXT,
  connectionProblemInWords,
  connectionProblemOf,
  failureInWords,
  failureSaid,
  withAttempts,
  withoutAttemptNotes,
} from "./merchant-messages.server";

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const failureOf = async (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );

describe("connection failures in plain words", () => {
  it("says a refused connection is a system not answering at its address, without the code or port", async () => {
    const error = await failureOf(`http://127.0.0.1:${await closedPort()}/`);
    expect(connectionProblemOf(error)).toBe("not-answering");
    const words = failureInWords("Fastmag", error);
    expect(words).toBe("Fastmag is not answering at its address. Check the address, or that Fastmag is running.");
    expect(words).not.toMatch(TECHNICAL_TEXT);
  });

  it("says an unknown host name is an address that could not be found", async () => {
    const error = await failureOf("http://no-such-host.invalid/");
    expect(failureInWords("RetailCRM", error)).toBe("RetailCRM's address could not be found. Check the address.");
  });

  it("classifies TLS, timeouts, credentials and server errors", () => {
    const tls = Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    expect(failureInWords("Tuyo", new TypeError("fetch failed", { cause: tls }))).toMatch(
      /^The secure connection to Tuyo failed/,
    );
    expect(failureInWords("Tuyo", new DOMException("timed out", "TimeoutError"))).toBe(
      "Tuyo did not answer in time. Try again in a few minutes.",
    );
    expect(failureInWords("The SFTP server", null, 401)).toMatch(/refused the credentials/);
    expect(failureInWords("The SMTP server", Object.assign(new Error("Invalid login"), { code: "EAUTH" }))).toMatch(
      /refused the credentials/,
    );
    expect(failureInWords("Fastmag", null, 503)).toBe("Fastmag had a problem on its side. Try again later.");
  });

  it("keeps our own merchant messages and never passes library text through", () => {
    expect(failureInWords("Fastmag", new TransientError("Fastmag is in maintenance."))).toBe(
      "Fastmag is in maintenance.",
    );
    expect(failureInWords("Fastmag", new Error("Cannot read properties of undefined"))).toBe(
      "Fastmag could not be reached. Check the address, or try again later.",
    );
  });
});

describe("attempt notes", () => {
  it("says how many times once, even when an inner layer already said it", () => {
    const inner = "Fastmag did not answer (after 4 attempts)";
    expect(textOf(withAttempts(inner, 3))).toBe("Fastmag did not answer (gave up after 3 attempts)");
    // Said with a key, the note is said once too, and in French for a French reader.
    const timeout = failureSaid(
      "Fastmag",
      new TransientError("x", { cause: Object.assign(new Error("t"), { code: "ETIMEDOUT" }) }),
    );
    const gaveUp = withAttempts(withAttempts(timeout, 2), 3);
    expect(textOf(gaveUp)).toBe(
      "Fastmag did not answer in time. Try again in a few minutes. (gave up after 3 attempts)",
    );
    expect(sayIn(gaveUp, "fr")).toBe(
      "Fastmag n'a pas répondu à temps. Réessayez dans quelques minutes. (abandon après 3 tentatives)",
    );
    expect(withoutAttemptNotes("A (after 2 attempts) (gave up after 3 attempts)")).toBe("A");
  });
});

describe("failures in the admin's language", () => {
  it("says each failure class in French for locale fr, and the English unchanged by default and for en", () => {
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" });
    expect(failureInWords("Fastmag", dns)).toBe("Fastmag's address could not be found. Check the address.");
    expect(failureInWords("Fastmag", dns, undefined, "en")).toBe(
      "Fastmag's address could not be found. Check the address.",
    );
    expect(failureInWords("Fastmag", dns, undefined, "fr")).toBe(
      "L'adresse de Fastmag est introuvable. Vérifiez l'adresse.",
    );
    expect(failureInWords("Fastmag", null, 401, "fr")).toBe(
      "Fastmag a refusé les identifiants. Vérifiez le nom d'utilisateur et le mot de passe (ou la clé).",
    );
    expect(failureInWords("Fastmag", new Error("Cannot read properties of undefined"), undefined, "fr")).toBe(
      "Fastmag est injoignable. Vérifiez l'adresse, ou réessayez plus tard.",
    );
  });

  it("gives every failure class a French sentence, with the article of a system named « Le … »", () => {
    for (const problem of [
      "not-found",
      "not-answering",
      "tls",
      "timeout",
      "cut",
      "credentials",
      "blocked",
      "unreadable",
      "busy",
      "server-error",
      "unreachable",
    ] as const) {
      const fr = connectionProblemInWords("Le serveur SFTP", problem, "fr");
      expect(fr).not.toBe(connectionProblemInWords("Le serveur SFTP", problem, "en"));
      expect(fr, problem).not.toMatch(/de Le |à Le |\b(the|could|not|again|check)\b/i);
    }
    expect(connectionProblemInWords("Le serveur SFTP", "not-found", "fr")).toBe(
      "L'adresse du serveur SFTP est introuvable. Vérifiez l'adresse.",
    );
  });
});
