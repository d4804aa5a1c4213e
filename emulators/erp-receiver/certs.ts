// A test certificate authority and a server certificate for 127.0.0.1/localhost, made with openssl at
// test time in a temporary folder (no network, nothing committed). The app is told to trust the CA
// (EVENT_FEED_CA_FILE); nothing else does.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestCertificates {
  dir: string;
  caFile: string;
  cert: string;
  key: string;
}

export function makeTestCertificates(dir = fs.mkdtempSync(path.join(os.tmpdir(), "erp-ca-"))): TestCertificates {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Passerelle test ERP CA",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
  );
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=localhost",
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
  );
  fs.writeFileSync(file("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("server.ext"),
    "-out",
    file("server.pem"),
  );
  return {
    dir,
    caFile: file("ca.pem"),
    cert: fs.readFileSync(file("server.pem"), "utf8"),
    key: fs.readFileSync(file("server.key"), "utf8"),
  };
}
