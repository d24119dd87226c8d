/**
 * The CA hierarchy of SET.md section 1, ready for use: RCA (self-signed) → one BCA per brand →
 * CCA, MCA, PCA, every CA's first CRL in one shared CrlDirectory. Party certificates are not
 * made here: callers issue them on demand from the brand's CCA / MCA / PCA.
 * CA names (and so key names `key:<name>:signature|keyExchange`): RCA; for the first brand BCA,
 * CCA, MCA, PCA; for each further brand the same with `-<brandId>` appended, unless given.
 */
import { ArgumentError } from '../errors.ts';
import type { KeyPool } from '../crypto/key-pool.ts';
import type { CryptoContext } from '../crypto/provider.ts';
import { CertificateAuthority } from './certificate-authority.ts';
import type { Clock } from './clock.ts';
import { CrlDirectory } from './crl-directory.ts';

export const DEFAULT_BRAND_ID = 'SETBrand';

export interface BrandOptions {
  readonly id: string;
  readonly caNames?: { readonly brand?: string; readonly cca?: string; readonly mca?: string; readonly pca?: string };
}

export interface PkiOptions {
  readonly clock: Clock;
  /** Brand ids (SET's BrandID); default one brand, "SETBrand". */
  readonly brands?: readonly (string | BrandOptions)[];
  readonly rootName?: string;
}

export interface BrandAuthorities {
  readonly brandId: string;
  readonly brand: CertificateAuthority;
  readonly cca: CertificateAuthority;
  readonly mca: CertificateAuthority;
  readonly pca: CertificateAuthority;
}

export interface Pki {
  readonly ctx: CryptoContext;
  readonly clock: Clock;
  readonly crls: CrlDirectory;
  readonly root: CertificateAuthority;
  /** The RCA certificate (DER): every party's only trust anchor. */
  readonly trustAnchor: Uint8Array;
  readonly brands: ReadonlyMap<string, BrandAuthorities>;
  /** The authorities of one brand (the first brand when no id is given). */
  brand(brandId?: string): BrandAuthorities;
  /** Every CA, root first. */
  readonly authorities: readonly CertificateAuthority[];
}

export async function buildPki(pool: KeyPool, options: PkiOptions): Promise<Pki> {
  const brandOptions = (options.brands ?? [DEFAULT_BRAND_ID]).map((b) => (typeof b === 'string' ? { id: b } : b));
  if (brandOptions.length === 0) throw new ArgumentError('brands', 'at least one brand');
  const crls = new CrlDirectory();
  const root = await CertificateAuthority.createRoot(pool, { clock: options.clock, crls, ...(options.rootName ? { name: options.rootName } : {}) });

  const brands = new Map<string, BrandAuthorities>();
  for (const [index, { id, caNames = {} }] of brandOptions.entries()) {
    if (brands.has(id)) throw new ArgumentError('brands', `brand ${id} listed twice`);
    const name = (role: string, given: string | undefined): string => given ?? (index === 0 ? role : `${role}-${id}`);
    // One after another: KeyPool binds names to slots in request order, so runs stay repeatable.
    const brand = await root.createSubordinate(pool, { name: name('BCA', caNames.brand), type: 'brand', brandId: id });
    const cca = await brand.createSubordinate(pool, { name: name('CCA', caNames.cca), type: 'cca' });
    const mca = await brand.createSubordinate(pool, { name: name('MCA', caNames.mca), type: 'mca' });
    const pca = await brand.createSubordinate(pool, { name: name('PCA', caNames.pca), type: 'pca' });
    brands.set(id, { brandId: id, brand, cca, mca, pca });
  }
  const firstBrand = brandOptions[0]!.id;
  return {
    ctx: pool.ctx,
    clock: options.clock,
    crls,
    root,
    trustAnchor: root.signatureCertificate.der,
    brands,
    brand(brandId = firstBrand) {
      const found = brands.get(brandId);
      if (!found) throw new ArgumentError('brandId', `no brand ${brandId}`);
      return found;
    },
    authorities: [root, ...[...brands.values()].flatMap((b) => [b.brand, b.cca, b.mca, b.pca])],
  };
}
