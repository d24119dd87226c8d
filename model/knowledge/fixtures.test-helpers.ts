/**
 * SET-shaped messages for knowledge tests and timings: the AuthReq of purchase `i` (SET.md 5.3,
 * 5.4), EncB(M, P, AuthReqData, PI) with the signed PI's extra encryption to the gateway inside.
 * Everything but the cardholder's card data is fresh per purchase.
 */
import {
  agent, amount, EncB, EX, hash, nonce, pan, panSecret, privateKey, publicKey, SO, symKey, text, tuple, type Term,
} from '../terms/index.ts';

export const gatewayKeyExchange = { pub: publicKey('P1', 'keyExchange'), priv: privateKey('P1', 'keyExchange') };

export function authReq(i: number): Term {
  const [skM, skC, pkP] = [privateKey('M1', 'signature'), privateKey('C1', 'signature'), gatewayKeyExchange.pub];
  const xid = nonce(`XID:p${i}`);
  const purchAmt = amount('USD', 1999);
  const panData = tuple(pan('C1'), text('202712'), panSecret(nonce('CardSecret:C1'), nonce('CardCertNonce:C1')), nonce(`EXNonce:p${i}`));
  const odSalt = nonce(`ODSalt:p${i}`);
  const oiData = tuple(xid, hash(tuple(nonce(`OD:p${i}`), purchAmt, odSalt)), odSalt);
  const piHead = tuple(xid, purchAmt, agent('M1'));
  const pi = tuple(SO(skC, tuple(hash(tuple(piHead, panData)), hash(oiData))), EX(pkP, tuple(piHead, hash(oiData)), panData, symKey(`p${i}:pi`)));
  const authReqData = tuple(xid, nonce(`RRPID:p${i}:auth`), agent('M1'), purchAmt, hash(oiData));
  return EncB(skM, pkP, authReqData, pi, symKey(`p${i}:authreq`));
}
