import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { plainAddPlaceholder } from "@signpdf/placeholder-plain";
import { SignPdf } from "@signpdf/signpdf";
import { Signer } from "@signpdf/utils";
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
    isCa
      ? { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }
      : { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
    ...(issuer ? [{ name: "authorityKeyIdentifier", keyIdentifier: issuer.cert.generateSubjectKeyIdentifier().getBytes() }] : []),
  ]);
  cert.sign(issuer ? issuer.key : keys.privateKey, forge.md.sha256.create());
  return cert;
}

// CMS (RFC 5652) pieces, DER-encoded: the object identifiers and algorithm identifiers a
// PAdES signature names.
const OID = {
  data: "06092a864886f70d010701",
  signedData: "06092a864886f70d010702",
  contentType: "06092a864886f70d010903",
  messageDigest: "06092a864886f70d010904",
  signingTime: "06092a864886f70d010905",
};
const SHA256_ALGORITHM = Buffer.from("300d06096086480165030402010500", "hex");
const RSA_ALGORITHM = Buffer.from("300d06092a864886f70d0101010500", "hex");
const VERSION_1 = Buffer.from("020101", "hex");

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const length: number[] = [];
  for (let n = body.length; n > 0; n >>>= 8) length.unshift(n & 0xff);
  const header = body.length < 0x80 ? [tag, body.length] : [tag, 0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from(header), body]);
}
const SEQUENCE = 0x30;
const SET = 0x31;
const OCTET_STRING = 0x04;
const CONTEXT_0 = 0xa0;
const attribute = (oid: string, value: Buffer) => der(SEQUENCE, Buffer.from(oid, "hex"), der(SET, value));
const utcTime = (at: Date) => der(0x17, Buffer.from(`${at.toISOString().slice(2, 19).replace(/[-T:]/g, "")}Z`, "latin1"));
const toDer = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");

/**
 * A PAdES (adbe.pkcs7.detached) signer: the CMS SignedData is assembled as DER from parts
 * encoded once per agency (certificates, issuer and serial), and Node's native crypto hashes
 * and signs. The PKCS#12 is opened once per agency and process, not per signature.
 */
class AgencySigner extends Signer {
  private readonly certificates: Buffer;
  private readonly issuerAndSerial: Buffer;

  constructor(
    certificate: forge.pki.Certificate,
    chain: forge.pki.Certificate[],
    private readonly key: crypto.KeyObject,
  ) {
    super();
    this.certificates = Buffer.concat(chain.map((cert) => toDer(forge.pki.certificateToAsn1(cert))));
    const tbs = (forge.pki.certificateToAsn1(certificate).value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
    // TBSCertificate: [0] version, serialNumber, signature, issuer, …
    this.issuerAndSerial = der(SEQUENCE, toDer(tbs[3]!), toDer(tbs[1]!));
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const attributes = [
      attribute(OID.contentType, Buffer.from(OID.data, "hex")),
      attribute(OID.signingTime, utcTime(signingTime ?? new Date())),
      attribute(OID.messageDigest, der(OCTET_STRING, crypto.createHash("sha256").update(pdf).digest())),
    ].sort(Buffer.compare); // DER orders a SET OF by encoding
    const signature = crypto.sign("sha256", der(SET, ...attributes), this.key);
    const signerInfo = der(
      SEQUENCE,
      VERSION_1,
      this.issuerAndSerial,
      SHA256_ALGORITHM,
      der(CONTEXT_0, ...attributes),
      RSA_ALGORITHM,
      der(OCTET_STRING, signature),
    );
    const signedData = der(
      SEQUENCE,
      VERSION_1,
      der(SET, SHA256_ALGORITHM),
      der(SEQUENCE, Buffer.from(OID.data, "hex")),
      der(CONTEXT_0, this.certificates),
      der(SET, signerInfo),
    );
    return der(SEQUENCE, Buffer.from(OID.signedData, "hex"), der(CONTEXT_0, signedData));
  }
}

export class Pki {
  private root: Pair | undefined;
  private readonly agencies = new Map<string, Buffer>();
  private readonly signers = new Map<string, AgencySigner>();

  constructor(
    private readonly dir: string,
    private readonly passphrase: string,
    /** Told when the root CA is made (the runtime records its fingerprint in the database). */
    private readonly onRootMade: (certificatePem: string) => void = () => {},
  ) {}

  /** The root CA, made on first use and kept in the PKI dir. */
  rootCa(): Pair {
    if (this.root) return this.root;
    const keyFile = path.join(this.dir, "root-ca.key.pem");
    const certFile = path.join(this.dir, "root-ca.cert.pem");
    if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
      this.root = {
        key: forge.pki.privateKeyFromPem(fs.readFileSync(keyFile, "utf8")) as forge.pki.rsa.PrivateKey,
        cert: forge.pki.certificateFromPem(fs.readFileSync(certFile, "utf8")),
      };
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
    this.onRootMade(forge.pki.certificateToPem(cert));
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

  /** Whether the agency's signing certificate exists already (signing would not have to make one). */
  hasAgencyCertificate(agencyId: string): boolean {
    return this.agencies.has(agencyId) || fs.existsSync(path.join(this.dir, `agency-${agencyId}.p12`));
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
    return new SignPdf().sign(withPlaceholder, this.signerFor(agency), signingTime);
  }

  private signerFor(agency: { id: string; nameEn: string }): AgencySigner {
    let signer = this.signers.get(agency.id);
    if (!signer) {
      const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(this.agencyP12(agency.id, agency.nameEn).toString("binary")), false, this.passphrase);
      const certs = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).map((bag) => bag.cert!);
      const forgeKey = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!.key as forge.pki.rsa.PrivateKey;
      const own = certs.find((cert) => (cert.publicKey as forge.pki.rsa.PublicKey).n.equals(forgeKey.n));
      if (!own) throw new Error(`The signing file of ${agency.id} has no certificate for its key`);
      signer = new AgencySigner(own, certs, crypto.createPrivateKey(forge.pki.privateKeyToPem(forgeKey)));
      this.signers.set(agency.id, signer);
    }
    return signer;
  }
}
