import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { P12Signer } from "@signpdf/signer-p12";
import forge from "node-forge";

// The portal's own PKI for the embedded default: a root CA made on first start under the data
// dir, and one X.509 signing certificate per agency issued by it. A deployment puts its own CA
// and agency certificates in the same files (PKI_DIR).

interface Pair {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

function newRsaKey(): forge.pki.rsa.KeyPair {
  // Node makes the key (fast, native); forge only builds certificates around it.
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ format: "pem", type: "pkcs1" }).toString()) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function makeCertificate(subject: forge.pki.CertificateField[], keys: forge.pki.rsa.KeyPair, issuer: Pair | null, isCa: boolean): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${crypto.randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + (isCa ? 20 : 5) * YEAR_MS);
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: isCa, critical: true },
    isCa ? { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true } : { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
    ...(issuer ? [{ name: "authorityKeyIdentifier", keyIdentifier: issuer.cert.generateSubjectKeyIdentifier().getBytes() }] : []),
  ]);
  cert.sign(issuer ? issuer.key : keys.privateKey, forge.md.sha256.create());
  return cert;
}

export class Pki {
  private root: Pair | undefined;
  private readonly agencies = new Map<string, Buffer>();

  constructor(
    private readonly dir: string,
    private readonly passphrase: string,
  ) {}

  /** The root CA, made on first use and kept in the PKI dir. */
  rootCa(): Pair {
    if (this.root) return this.root;
    const keyFile = path.join(this.dir, "root-ca.key.pem");
    const certFile = path.join(this.dir, "root-ca.cert.pem");
    if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
      this.root = { key: forge.pki.privateKeyFromPem(fs.readFileSync(keyFile, "utf8")) as forge.pki.rsa.PrivateKey, cert: forge.pki.certificateFromPem(fs.readFileSync(certFile, "utf8")) };
      return this.root;
    }
    fs.mkdirSync(this.dir, { recursive: true });
    const keys = newRsaKey();
    const cert = makeCertificate(
      [
        { name: "commonName", value: "Nafitha Root CA" },
        { name: "organizationName", value: "Central Agency for Information Technology" },
        { name: "countryName", value: "KW" },
      ],
      keys,
      null,
      true,
    );
    fs.writeFileSync(keyFile, forge.pki.privateKeyToPem(keys.privateKey), { mode: 0o600 });
    fs.writeFileSync(certFile, forge.pki.certificateToPem(cert));
    this.root = { key: keys.privateKey, cert };
    return this.root;
  }

  rootCertificatePem(): string {
    return forge.pki.certificateToPem(this.rootCa().cert);
  }

  /** The agency's signing certificate and key as PKCS#12, issued by the root CA on first use. */
  agencyP12(agencyId: string, agencyNameEn: string): Buffer {
    const cached = this.agencies.get(agencyId);
    if (cached) return cached;
    const file = path.join(this.dir, `agency-${agencyId}.p12`);
    if (fs.existsSync(file)) {
      const p12 = fs.readFileSync(file);
      this.agencies.set(agencyId, p12);
      return p12;
    }
    const root = this.rootCa();
    const keys = newRsaKey();
    const cert = makeCertificate(
      [
        { name: "commonName", value: agencyNameEn },
        { name: "organizationName", value: agencyNameEn },
        { name: "organizationalUnitName", value: "Nafitha certificate signing" },
        { name: "countryName", value: "KW" },
      ],
      keys,
      root,
      false,
    );
    const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, root.cert], this.passphrase, { algorithm: "aes256" });
    const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
    fs.writeFileSync(file, p12, { mode: 0o600 });
    this.agencies.set(agencyId, p12);
    return p12;
  }

  /** Signs a PDF (adbe.pkcs7.detached) with the agency's certificate. */
  async signPdf(pdf: Buffer, agency: { id: string; nameEn: string }, signingTime: Date): Promise<Buffer> {
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: `Certificate issued by ${agency.nameEn}`,
      contactInfo: "",
      name: agency.nameEn,
      location: "State of Kuwait",
      signingTime,
      signatureLength: 8192,
      appName: "Nafitha",
    });
    const signer = new P12Signer(this.agencyP12(agency.id, agency.nameEn), { passphrase: this.passphrase });
    return new SignPdf().sign(withPlaceholder, signer, signingTime);
  }
}
