/**
 * Per-run TLS material: a throw-away CA and one server certificate for loopback, generated at
 * start-up and written to a fresh temp dir that `dispose()` removes. Nothing here is ever committed.
 *
 * @note ECDSA P-256 with SHA-256 is accepted by Python's ssl (OpenSSL 3, security level 2, and the
 * stricter X.509 checks of Python 3.13), requests/urllib3, aiohttp and Node. The CA carries a critical
 * basicConstraints, keyUsage and a subject key id; the leaf carries an authority key id, serverAuth and
 * the SANs `IP:127.0.0.1`, `DNS:localhost`, `DNS:*.localhost`, which is what strict verifiers require.
 *
 * @example
 *   const certs = await createRunCertificates();
 *   https.createServer({ cert: certs.certPem, key: certs.keyPem }, handler);
 *   // clients: NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE = certs.caCertPath
 *   await certs.dispose();
 */
import { webcrypto } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @note @peculiar/x509 (through tsyringe) needs a Reflect metadata polyfill loaded before it.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export interface RunCertificates {
  readonly caCertPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** Absolute path of the CA PEM, for `NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, … */
  readonly caCertPath: string;
  /** The temp dir holding `ca.pem`, `server.pem` and `server-key.pem`. */
  readonly dir: string;
  /** Removes the temp dir. Idempotent. */
  dispose(): Promise<void>;
}

const KEY_ALGORITHM: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const VALIDITY_MS = 7 * 24 * 60 * 60 * 1_000;
/** Clock skew allowance so a certificate made "now" is valid on a client whose clock is behind. */
const BACKDATE_MS = 60 * 60 * 1_000;

export interface RunCertificatesOptions {
  readonly dir?: string;
  /**
   * More names the leaf certificate carries (IPs or DNS names), for a client that reaches the fakes'
   * loopback listeners by another address: a container reaches them as 10.0.2.2 (slirp4netns' alias of
   * the host's loopback). Still loopback on this machine; only the name differs.
   */
  readonly altNames?: readonly string[];
}

export async function createRunCertificates(options: RunCertificatesOptions = {}): Promise<RunCertificates> {
  const crypto = webcrypto;
  // @note Node's webcrypto is the Web Crypto API, but its type is not the DOM `Crypto` that @peculiar/x509
  // declares, and the two types share too little for a direct cast.
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const notBefore = new Date(Date.now() - BACKDATE_MS);
  const notAfter = new Date(Date.now() + VALIDITY_MS);

  const caKeys = (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const caName = `CN=s3-sentinel-chaos run CA ${process.pid}-${Date.now()}`;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: caName,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const leafKeys = (await crypto.subtle.generateKey(KEY_ALGORITHM, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const leafCert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=localhost',
    issuer: caCert.subject,
    notBefore,
    notAfter,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
        { type: 'dns', value: '*.localhost' },
        ...(options.altNames ?? []).map((name) => ({
          type: isIP(name) ? ('ip' as const) : ('dns' as const),
          value: name,
        })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const pkcs8 = await crypto.subtle.exportKey('pkcs8', leafKeys.privateKey);
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  const caCertPem = `${caCert.toString('pem')}\n`;
  const certPem = `${leafCert.toString('pem')}\n`;

  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'chaos-tls-')));
  const caCertPath = join(dir, 'ca.pem');
  await writeFile(caCertPath, caCertPem, { mode: 0o644 });
  await writeFile(join(dir, 'server.pem'), certPem, { mode: 0o644 });
  await writeFile(join(dir, 'server-key.pem'), `${keyPem}\n`, { mode: 0o600 });

  let disposed: Promise<void> | undefined;
  return {
    caCertPem,
    certPem,
    keyPem,
    caCertPath,
    dir,
    dispose: () => (disposed ??= rm(dir, { recursive: true, force: true })),
  };
}

/** A positive 64-bit serial in hex (a leading 0 nibble avoids a negative DER INTEGER). */
function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(8));
  return `0${Buffer.from(bytes).toString('hex').slice(1)}`;
}
