import { type Catalog, owns } from '../catalog/catalog.js';
import type { Facts } from '../facts.js';
import { AREAS_ABOUT_THE_AWS_ENDPOINT, areaRank, type CatalogEntry } from '../catalog/schema.js';

/**
 * Scores catalog entries against what one error block says. Entries are keyed on
 * (operation, code, message, IAM action), not on the code alone: the same code can mean
 * different things on different operations.
 */

export const SCORE = {
  code: 50,
  operationMatch: 20,
  operationMismatch: -40,
  phrase: 25,
  maxPhrases: 2,
  iamActionMatch: 25,
  iamActionMismatch: -40,
  serviceMatch: 5,
  /**
   * A service-specific entry matched on a code many services share, with nothing in the paste
   * naming that service: a generic entry for that kind of failure ranks above it.
   */
  serviceUnknown: -10,
  /**
   * A generic entry when the paste names a service whose own entry matched the code: that entry
   * answers, the generic one is only its fallback.
   */
  genericBehindNamedService: -25,
  /**
   * An entry named only by the address that failed (no code, no wording of its own): enough to
   * rank it, never enough to outweigh an entry whose own wording is in the paste.
   */
  hostOnly: 10,
} as const;

export interface BlockEvidence {
  /** The code named by the block, if any. */
  code?: string;
  /** True when the code came from an SDK's error format rather than a bare word. */
  codeFromFormat: boolean;
  facts: Facts;
  /** Entries whose message phrases occur in the block, with how many distinct phrases hit. */
  phraseHits: ReadonlyMap<CatalogEntry, number>;
  /** Of `phraseHits`, the hits of wording an entry shares with a generic entry: it names no service. */
  sharedPhraseHits?: ReadonlyMap<CatalogEntry, number>;
  /** Entries whose `match.hosts` the block names: the address that failed is theirs. */
  hostHits?: ReadonlySet<CatalogEntry>;
  /** Entries the block holds a phrase of that they list in `match.owns`. */
  ownedPhraseHits?: ReadonlySet<CatalogEntry>;
  /** Of `phraseHits`, the hits of an entry's `match.wrappers`: a client's words for any failure of its kind. */
  wrapperPhraseHits?: ReadonlyMap<CatalogEntry, number>;
  /** For entries with phrase hits, the links of the printed cause chain their wording sits in. */
  causeDepth?: ReadonlyMap<CatalogEntry, CauseDepth>;
  /** The block's layout says only that a connection or stream could not be opened (see `LineSignal.transport`). */
  transportFailure?: boolean;
}

/** The shallowest and deepest link of a printed cause chain (0: the outermost error) holding an entry's wording. */
export interface CauseDepth {
  outermost: number;
  innermost: number;
}

export interface RankedEntry {
  entry: CatalogEntry;
  score: number;
  codeMatched: boolean;
  phrases: number;
  /** The block names an address this entry lists in `match.hosts`. */
  hostMatched: boolean;
  /** The paste names an operation this entry is not about. */
  operationMismatch: boolean;
  /** The paste names a service this entry is not about. */
  otherService: boolean;
  /** The denied IAM action the paste names is one of this entry's `iamActions`. */
  actionMatched: boolean;
  /** The denied IAM action the paste names is not one of this entry's `iamActions`. */
  actionMismatch: boolean;
  /** Distinct phrases of the entry's own wording in the block, uncapped (breaks ties). */
  allPhrases: number;
  /** Its wording is only a wrapper's, around a cause another entry of its area explains. */
  wrapsCause?: boolean;
  /**
   * The entry owns (`match.owns`) the code or a phrase the block matched it on: of entries that fit
   * equally well, it answers first.
   */
  owner: boolean;
}

/**
 * When scores tie, the entry that owns the matched code or wording wins (`match.owns`), then the
 * entry closer to metering (that is what MeterDoc is for), and only then the id.
 */

/** An entry about named services (not `*`). */
function isServiceSpecific(entry: CatalogEntry): boolean {
  return !entry.services.includes('*');
}

/**
 * The paste says the error came from another service than the ones this entry is about: EC2's
 * InternalError is not the Metering Service's, a DynamoDB throttle is not a metering throttle.
 */
export function otherService(entry: CatalogEntry, facts: Facts): boolean {
  if (!isServiceSpecific(entry)) return false;
  if (facts.service !== undefined) return !entry.services.includes(facts.service);
  return false;
}

function actionMatches(pattern: string, action: string): boolean {
  if (pattern.endsWith(':*')) return action.toLowerCase().startsWith(pattern.slice(0, -1).toLowerCase());
  return pattern.toLowerCase() === action.toLowerCase();
}

export function scoreEntry(entry: CatalogEntry, evidence: BlockEvidence): RankedEntry {
  const { facts } = evidence;
  const codeMatched =
    evidence.code !== undefined && entry.match.codes.some((c) => c.toLowerCase() === evidence.code!.toLowerCase());
  const phrases = Math.min(evidence.phraseHits.get(entry) ?? 0, SCORE.maxPhrases);
  // Wording every service uses ("An internal error has occurred") scores, but does not name the service.
  const namingPhrases = phrases - Math.min(phrases, evidence.sharedPhraseHits?.get(entry) ?? 0);
  const hostMatched = evidence.hostHits?.has(entry) ?? false;
  let score = (codeMatched ? SCORE.code : 0) + phrases * SCORE.phrase;
  if (hostMatched && !codeMatched && phrases === 0) score += SCORE.hostOnly;

  let operationMismatch = false;
  if (entry.match.operations.length > 0 && facts.operation) {
    operationMismatch = !entry.match.operations.includes(facts.operation);
    score += operationMismatch ? SCORE.operationMismatch : SCORE.operationMatch;
  }
  const actionMatched = entryClaimsAction(entry, facts.action);
  const actionMismatch = entry.match.iamActions.length > 0 && facts.action !== undefined && !actionMatched;
  if (actionMatched) score += SCORE.iamActionMatch;
  if (actionMismatch) score += SCORE.iamActionMismatch;
  // A code every other service raises too names nothing by itself: without the entry's service,
  // operation, action or wording in the block, the entry is not a candidate at all.
  if (
    codeMatched &&
    namingPhrases === 0 &&
    !hostMatched &&
    !actionMatched &&
    !(facts.service && entry.services.includes(facts.service)) &&
    !(facts.operation && entry.match.operations.includes(facts.operation)) &&
    entry.match.sharedCodes.some((c) => c.toLowerCase() === evidence.code!.toLowerCase())
  )
    score = 0;
  else if (facts.service && entry.services.includes(facts.service)) score += SCORE.serviceMatch;
  else if (
    !facts.service &&
    isServiceSpecific(entry) &&
    !facts.action &&
    (entry.match.operations.length === 0 || !facts.operation) &&
    namingPhrases === 0
  ) {
    score += SCORE.serviceUnknown;
  }
  return {
    entry,
    score,
    codeMatched,
    phrases,
    hostMatched,
    operationMismatch,
    otherService: otherService(entry, facts),
    actionMatched,
    actionMismatch,
    allPhrases: evidence.phraseHits.get(entry) ?? 0,
    owner: (codeMatched && owns(entry, evidence.code!)) || (evidence.ownedPhraseHits?.has(entry) ?? false),
  };
}

function entryClaimsAction(entry: CatalogEntry, action: string | undefined): boolean {
  return action !== undefined && entry.match.iamActions.some((p) => actionMatches(p, action));
}

/**
 * An entry outside the network area whose `match.hosts` are the addresses it explains (the
 * credential endpoints). A network entry's hosts are AWS endpoints spelled wrongly, not endpoints
 * of their own, so its wording does not move a transport failure away from the network entries.
 */
function ownsCredentialEndpoint(entry: CatalogEntry): boolean {
  return entry.match.hosts.length > 0 && !AREAS_ABOUT_THE_AWS_ENDPOINT.has(entry.area);
}

/**
 * A credential endpoint that answered 404 was reachable: it has nothing at that path (no role is
 * attached to the instance). When another credentials entry's own wording is in the block, the
 * entry owning the endpoint's transport failures does not answer for it.
 */
function credentialEndpointAnsweredNotFound(evidence: BlockEvidence): boolean {
  if (evidence.facts.httpStatus !== 404) return false;
  const worded = [...evidence.phraseHits.keys()];
  return (
    worded.some(ownsCredentialEndpoint) &&
    worded.some((entry) => entry.area === 'credentials' && entry.match.hosts.length === 0)
  );
}

/**
 * Expired or invalid credentials fail before any policy is evaluated, and some services label that
 * refusal with a denial code (`AccessDeniedException` around "the security token ... is expired").
 * An entry of another area matched on the code alone (none of its own wording, no IAM action named)
 * steps aside when a credentials entry's own wording is in the block: the message says what failed.
 */
function dropCodeOnlyBehindCredentialWording(scored: RankedEntry[], evidence: BlockEvidence): void {
  if (evidence.facts.action) return;
  if (!scored.some((r) => r.entry.area === 'credentials' && r.phrases > 0)) return;
  for (const r of scored)
    if (r.entry.area !== 'credentials' && r.codeMatched && r.phrases === 0) r.score = Math.min(r.score, 0);
}

/**
 * SDKs raise one exception class for every link of their credential chain (JS v3's
 * CredentialsProviderError for a missing profile, a disabled metadata service or an expired SSO
 * token alike), so that code says only "credentials": several credentials entries list it. A
 * credentials entry matched on such a code alone steps aside when another credentials entry's own
 * wording is in the block: the message names the link. A code only one entry lists still decides.
 */
function dropCodeOnlyBehindOtherCredentialsWording(scored: RankedEntry[]): void {
  const sharedCode = scored.filter((r) => r.entry.area === 'credentials' && r.codeMatched).length > 1;
  if (!sharedCode || !scored.some((r) => r.entry.area === 'credentials' && r.phrases > 0)) return;
  for (const r of scored)
    if (r.entry.area === 'credentials' && r.codeMatched && r.phrases === 0 && !r.hostMatched)
      r.score = Math.min(r.score, 0);
}

/**
 * Whether a wrapper of `outer`'s area can be explained by a cause of `inner`'s: the same area, or a
 * credential provider (web identity, assume role, SSO) whose own failure wraps what STS answered it
 * (Go's `WebIdentityErr: failed to retrieve credentials` over `caused by: InvalidIdentityToken: …`)
 * or why STS never answered (`caused by: RequestError: send request failed` over `Post
 * "https://sts.amazonaws.com/": dial tcp …: connect: connection refused`): the provider had its
 * input, the network path to the service failed. A refused credential endpoint (instance metadata,
 * the container or Pod Identity agent) never gets here: its address names its own entry.
 */
function sameFailureFamily(outer: CatalogEntry, inner: CatalogEntry): boolean {
  return (
    outer.area === inner.area ||
    (outer.area === 'credentials' && (inner.area === 'sts' || AREAS_ABOUT_THE_AWS_ENDPOINT.has(inner.area)))
  );
}

/**
 * A wrapper's words say only that something failed ("Unable to connect to the remote server",
 * "A WebException with status ConnectFailure was thrown"); the cause printed under it says what
 * (" ---> SocketException: A connection attempt failed because the connected party did not
 * properly respond"). An entry whose wording sits only in outer links of the chain ranks below an
 * entry of the same family (`sameFailureFamily`) whose wording sits only in deeper links; it stays an
 * alternative.
 */
function wrapperYieldsToCause(scored: RankedEntry[], evidence: BlockEvidence): void {
  const depths = evidence.causeDepth;
  if (!depths || depths.size < 2) return;
  // A cause in a client's words for every failure of its kind (see `wrappers`) says no more than its
  // wrapper, unless the status it shows says which failure it was.
  const statusShown = evidence.facts.httpStatus !== undefined;
  const ownWording = (r: RankedEntry): number =>
    r.allPhrases - (statusShown ? 0 : (evidence.wrapperPhraseHits?.get(r.entry) ?? 0));
  for (const outer of scored) {
    const o = depths.get(outer.entry);
    if (!o || outer.phrases === 0) continue;
    for (const inner of scored) {
      const i = depths.get(inner.entry);
      if (!i || inner === outer || !sameFailureFamily(outer.entry, inner.entry) || inner.phrases === 0) continue;
      if (ownWording(inner) === 0) continue;
      if (o.innermost < i.outermost) {
        outer.score = Math.max(1, Math.min(outer.score, inner.score - SCORE.phrase));
        outer.wrapsCause = true;
      }
    }
  }
}

/**
 * A credential provider that assumes a role (JS v2's ChainableTemporaryCredentials under its
 * "Missing credentials in config", an SDK's assume-role or web-identity provider) reports its own
 * failure in credential words; when the paste quotes STS refusing the STS action it called, that
 * refusal is why no credentials came back. A credentials entry matched on the provider's words ranks
 * below the STS entry that claims the denied action; it stays an alternative.
 */
function credentialProviderYieldsToStsRefusal(scored: RankedEntry[], evidence: BlockEvidence): void {
  if (!evidence.facts.action?.toLowerCase().startsWith('sts:')) return;
  const refusal = scored.find((r) => r.entry.area === 'sts' && r.actionMatched && r.phrases > 0);
  if (!refusal) return;
  for (const r of scored)
    if (r.entry.area === 'credentials' && !r.actionMatched) {
      r.score = Math.max(1, Math.min(r.score, refusal.score - SCORE.phrase));
      r.wrapsCause = true;
    }
}

/**
 * A transport error's class or number names only its kind: libcurl's 56 is a reset and a proxy's
 * refused CONNECT alike, java.net.SocketException a reset and an unreachable network, JS v3's
 * TimeoutError a timeout and a hang-up, libcurl's 7 a refusal and (older curl) a connect timeout.
 * A network entry matched on that code alone ranks below a network entry whose own wording says
 * what happened, as a wrapper does below its cause; it stays an alternative.
 */
function transportKindYieldsToWording(scored: RankedEntry[]): void {
  const worded = scored.filter((r) => AREAS_ABOUT_THE_AWS_ENDPOINT.has(r.entry.area) && r.phrases > 0);
  if (worded.length === 0) return;
  const best = Math.max(...worded.map((r) => r.score));
  for (const r of scored)
    if (AREAS_ABOUT_THE_AWS_ENDPOINT.has(r.entry.area) && r.codeMatched && r.phrases === 0 && !r.hostMatched) {
      r.score = Math.max(1, Math.min(r.score, best - SCORE.phrase));
      r.wrapsCause = true;
    }
}

/**
 * A client's words for any failure of its kind (the C++ SDK's "Unable to connect to endpoint" after
 * whatever curl reported) say only that the kind failed; the cause it logged beside them (curl's
 * "Problem with the SSL CA cert") says what. An entry matched on such wrapper wording alone ranks
 * below an entry of the same area whose own wording is in the block; it stays an alternative.
 */
function wrapperWordingYieldsToCause(scored: RankedEntry[], evidence: BlockEvidence): void {
  const wrappers = evidence.wrapperPhraseHits;
  if (!wrappers || wrappers.size === 0) return;
  const ownWording = (r: RankedEntry): number => r.allPhrases - (wrappers.get(r.entry) ?? 0);
  for (const r of scored) {
    if (!wrappers.has(r.entry) || ownWording(r) > 0 || r.codeMatched || r.hostMatched) continue;
    const causes = scored.filter((c) => c !== r && c.entry.area === r.entry.area && ownWording(c) > 0);
    if (causes.length === 0) continue;
    const best = Math.max(...causes.map((c) => c.score));
    r.score = Math.max(1, Math.min(r.score, best - SCORE.phrase));
    r.wrapsCause = true;
  }
}

/**
 * An endpoint built with an empty Region ("sts..amazonaws.com") explains its own failure. Whatever
 * transport code the SDK printed around it (botocore's EndpointConnectionError, JS v2's
 * UnknownEndpoint), an entry matched on that code alone does not outrank the entry owning the address.
 */
function malformedEndpointOutranksCodeOnly(scored: RankedEntry[]): void {
  const owner = scored.find((r) => r.hostMatched && AREAS_ABOUT_THE_AWS_ENDPOINT.has(r.entry.area));
  if (!owner) return;
  for (const r of scored)
    if (r !== owner && r.codeMatched && r.phrases === 0 && !r.hostMatched)
      r.score = Math.max(1, Math.min(r.score, owner.score - SCORE.phrase));
}

/** Candidate entries for a block, best first. Only entries with a positive score are kept. */
export function rankEntries(catalog: Catalog, evidence: BlockEvidence): RankedEntry[] {
  const candidates = new Set<CatalogEntry>(evidence.phraseHits.keys());
  if (evidence.code) for (const entry of catalog.entriesForCode(evidence.code)) candidates.add(entry);
  // The denied action names its entry wherever the message is quoted, with or without a code.
  const action = evidence.facts.action;
  if (action) for (const entry of catalog.entries) if (entryClaimsAction(entry, action)) candidates.add(entry);
  // A transport failure (timeout, refusal, DNS) on a credential endpoint is that endpoint's failure,
  // not a problem between the caller and an AWS service: the block names the endpoint's address, or
  // carries the wording of the entry that owns it (an SDK's own words for its metadata client).
  const transport =
    evidence.transportFailure === true || [...candidates].some((entry) => AREAS_ABOUT_THE_AWS_ENDPOINT.has(entry.area));
  const endpointWording = [...evidence.phraseHits.keys()].some(ownsCredentialEndpoint);
  const onCredentialEndpoint = transport && ((evidence.hostHits?.size ?? 0) > 0 || endpointWording);
  if (onCredentialEndpoint) for (const entry of evidence.hostHits!) candidates.add(entry);
  // An AWS endpoint spelled wrongly (built with an empty Region: "s3..amazonaws.com") explains the
  // error around it whatever the error's class: botocore rejects it with a bare ValueError
  // ("Invalid endpoint: <url>") before any connection, so no transport code or wording is there.
  for (const entry of evidence.hostHits ?? []) if (AREAS_ABOUT_THE_AWS_ENDPOINT.has(entry.area)) candidates.add(entry);
  const answeredNotFound = credentialEndpointAnsweredNotFound(evidence);
  const scored = [...candidates]
    .filter(
      (entry) =>
        !onCredentialEndpoint ||
        !AREAS_ABOUT_THE_AWS_ENDPOINT.has(entry.area) ||
        // An address that explains its own failure (a host built with an empty Region) stays.
        (evidence.hostHits?.has(entry) ?? false),
    )
    .filter((entry) => !answeredNotFound || entry.match.hosts.length === 0)
    .map((entry) => scoreEntry(entry, evidence));
  dropCodeOnlyBehindCredentialWording(scored, evidence);
  dropCodeOnlyBehindOtherCredentialsWording(scored);
  wrapperYieldsToCause(scored, evidence);
  credentialProviderYieldsToStsRefusal(scored, evidence);
  transportKindYieldsToWording(scored);
  wrapperWordingYieldsToCause(scored, evidence);
  malformedEndpointOutranksCodeOnly(scored);
  const service = evidence.facts.service;
  if (
    service &&
    scored.some(
      (r) => r.codeMatched && !r.actionMismatch && isServiceSpecific(r.entry) && r.entry.services.includes(service),
    )
  )
    for (const r of scored) if (!isServiceSpecific(r.entry)) r.score += SCORE.genericBehindNamedService;
  return (
    scored
      // An entry about other operations only stays in the running when its own message phrases say so.
      // An entry about named services never answers for an error the paste attributes to another one.
      .filter(
        (r) =>
          r.score > 0 &&
          (r.codeMatched || r.phrases > 0 || r.hostMatched || r.actionMatched) &&
          (!r.operationMismatch || r.phrases > 0) &&
          // The paste names the denied action and this entry is about other actions.
          !r.actionMismatch &&
          !r.otherService,
      )
      .sort(
        (a, b) =>
          b.score - a.score ||
          b.phrases - a.phrases ||
          // More of one entry's own wording (an explicit deny's policy type beside the shared
          // "is not authorized to perform") says more than the shared words alone.
          b.allPhrases - a.allPhrases ||
          // The catalog says which entry a shared code or wording means first (`match.owns`).
          Number(b.owner) - Number(a.owner) ||
          areaRank(a.entry.area) - areaRank(b.entry.area) ||
          a.entry.id.localeCompare(b.entry.id),
      )
  );
}

/**
 * How sure we are that the block is an error at all, in [0, 1], whichever entry explains it.
 * An SDK's error format naming a code is strong; a catalog phrase (a fragment of a real service
 * message) is strong; a bare code word in a sentence is weak: people ask about codes in chat.
 */
/** Evidence of an error code read from an SDK's error format (also what every unmatched error has). */
export const FORMAT_EVIDENCE = 0.75;

export function errorEvidence(best: RankedEntry, evidence: BlockEvidence): number {
  let e = 0;
  if (best.codeMatched) e = evidence.codeFromFormat ? FORMAT_EVIDENCE : 0.45;
  if (best.phrases > 0) e = Math.max(e, best.phrases >= 2 ? 0.75 : 0.65) + (best.codeMatched ? 0.1 : 0);
  // The failing address is a credential endpoint: as sure an error as one phrase of its own wording.
  else if (best.hostMatched) e = Math.max(e, 0.65);
  return Math.min(0.99, e);
}

/**
 * Confidence that the best entry is the right diagnosis, in [0, 1]: the error evidence, raised
 * when operation or IAM action agree, lowered when another entry fits almost as well.
 */
/** Error evidence from one phrase of an entry's own wording: the least a sure error has. */
const POSSIBLE_FLOOR_EVIDENCE = 0.65;
/** Confidence of an uncontested entry on a sure error, below the 0.85 of a high-confidence answer. */
const CALIBRATED_UNCONTESTED = 0.8;
/** The most a finding gets when another entry explains the same paste by a mechanism it names. */
export const RIVAL_MECHANISM_CAP = CALIBRATED_UNCONTESTED;

export function confidenceOf(best: RankedEntry, runnerUp: RankedEntry | undefined, evidence: BlockEvidence): number {
  const errorSure = errorEvidence(best, evidence);
  let c = errorSure;
  if (best.score >= SCORE.code + SCORE.operationMatch || best.score >= SCORE.code + SCORE.iamActionMatch) c += 0.1;
  // Two distinct fragments of the entry's own message pin it down as well as a code and its
  // operation do (measured: every such finding was right, 30 on the held-out set and the matrix).
  else if (best.phrases >= 2) c += 0.1;
  // A wrapper around the cause that answers is no rival: it says the same failure in generic words.
  // Wording past the cap on phrases still counts here: an entry whose own wording goes beyond what a
  // generic rival shares with it (an explicit deny's policy type after EC2's and IAM's denial wordings)
  // is not contested by that rival.
  const beyondCap = (r: RankedEntry): number => Math.max(0, r.allPhrases - SCORE.maxPhrases) * SCORE.phrase;
  // (only the best's: a runner-up's extra wording never made a winner by code or operation a guess)
  const contested =
    runnerUp !== undefined && !runnerUp.wrapsCause && best.score + beyondCap(best) - runnerUp.score < SCORE.phrase;
  if (contested) c -= 0.15;
  // An entry about specific operations, matched on a bare code with neither the operation nor
  // its own wording in the paste, is a guess: ValidationException is not only Cost Explorer's.
  const guessedOperation = best.entry.match.operations.length > 0 && !evidence.facts.operation && best.phrases === 0;
  if (guessedOperation) c -= 0.15;
  // An uncontested entry on a sure error (one phrase of its own wording, or a code in an SDK's
  // layout) was right far more often than 0.65-0.75 says: measured on the held-out set, 108 of
  // 110 such findings at 0.65 and 0.75 were right. It stays a possible match (below the high
  // band), whose precision is kept for findings pinned by operation, action or two phrases.
  if (!contested && !guessedOperation && errorSure >= POSSIBLE_FLOOR_EVIDENCE) c = Math.max(c, CALIBRATED_UNCONTESTED);
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}
