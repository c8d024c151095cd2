import { DATA_DESTINATIONS, type DataDestination } from "../../catalog/data-destinations";
import { typeFacts } from "../../catalog/google-types";
import { isDeepStrictEqual } from "node:util";
import { valuesAt } from "../paths";
import type { SovereigntyProfile } from "../../profiles/profile";
import type { Rule, TfDocument, TfResource } from "../types";
import { resolve } from "../values";
import { allowedText, dataAt, eachResource, inBoundary, providerOf, resourceAt, urlHost } from "./helpers";
import { locationProblems } from "./SOV-LOC-001";

/** What the checked set holds, by the names a destination uses: each with its document. */
type Held = Map<string, readonly [TfDocument, TfResource]>;
interface Holdings {
  readonly buckets: Held;
  readonly datasets: Held;
  readonly topics: Held;
}

const HOLDINGS = new WeakMap<readonly TfDocument[], Holdings>();
function holdingsOf(docs: readonly TfDocument[]): Holdings {
  let h = HOLDINGS.get(docs);
  if (!h) {
    h = { buckets: new Map(), datasets: new Map(), topics: new Map() };
    for (const doc of docs) {
      for (const r of doc.resources) {
        const name = (k: string) => {
          const v = resolve(doc, r.body[k]);
          return typeof v === "string" ? v : "";
        };
        if (r.type === "google_storage_bucket") h.buckets.set(name("name"), [doc, r]);
        // A dataset's or a topic's name is unique only in its project: held by project and name (`?` when the project cannot be known).
        if (r.type === "google_bigquery_dataset" || r.type === "google_pubsub_topic") {
          const project = resolve(doc, r.body.project ?? providerOf(doc, r)?.project);
          const key = `${typeof project === "string" && project ? project : "?"}/${name(r.type === "google_pubsub_topic" ? "name" : "dataset_id")}`;
          (r.type === "google_pubsub_topic" ? h.topics : h.datasets).set(key, [doc, r]);
        }
      }
    }
    HOLDINGS.set(docs, h);
  }
  return h;
}

/**
 * Why a destination of the checked stacks is not a compliant place for the data, if it is not: a destination outside
 * the boundary takes the data out of it, whatever the export says (its own location finding is on it too).
 */
function heldDestinationProblem(doc: TfDocument, r: TfResource, profile: SovereigntyProfile): string | undefined {
  const facts = typeFacts(r.type);
  const first = facts && locationProblems(doc, r, facts, profile)[0];
  return first ? `destination ${r.address} is not a compliant destination: ${typeof first === "string" ? first : first.message}` : undefined;
}

/**
 * What is wrong with the held destinations a raw value names by reference (`${google_storage_bucket.b.name}`, or an
 * instance of a `count` or `for_each` resource, `${google_storage_bucket.b["logs"].name}`: that instance
 * where the document lists instances, a plan, else the whole resource); undefined when it names none or not only held ones.
 */
function referencedDestinationProblems(doc: TfDocument, raw: unknown, types: RegExp, profile: SovereigntyProfile): string[] | undefined {
  if (typeof raw !== "string") return undefined;
  const refs = [...raw.matchAll(/\$\{([a-z0-9_]+)\.([^.}\s[]+)(\[[^\]]*\])?\./g)].map((m) =>
    types.test(m[1]) ? (m[3] && resourceAt(doc, `${m[1]}.${m[2]}${m[3]}`)) || resourceAt(doc, `${m[1]}.${m[2]}`) : undefined,
  );
  if (!refs.length || refs.some((r) => !r)) return undefined;
  return refs.flatMap((r) => heldDestinationProblem(doc, r!, profile) ?? []);
}

/** What is wrong with a destination found by name: outside the checked stacks, or not compliant itself. */
function namedDestinationProblem(held: Held, name: string, what: string, profile: SovereigntyProfile): string | undefined {
  const found = held.get(name);
  return found ? heldDestinationProblem(found[0], found[1], profile) : outside(`${what} ${name}`);
}

/** A whole value that reads another stack's output, as cdktf writes a cross-stack reference. */
const CROSS_STACK = /^\$\{data\.terraform_remote_state\.([^.}\s]+)\.outputs\.([^.}\s[]+)\}$/;

/** The stacks judged before a checked set (`RuleContext.siblings`: the gate judges one stack at a time), by that set. */
const SIBLINGS = new WeakMap<readonly TfDocument[], readonly TfDocument[]>();

/**
 * The value another stack gives a cross-stack reference (`${data.terraform_remote_state.<input>.outputs.<output>}`, the
 * whole value): that stack's document and the output's value as written there, with the checked set widened to it; the
 * stack, among `docs` and the stacks judged before them, is the one whose state the remote state reads (one backend, of
 * the same type, configured the same). Anything else is returned as given, and a reference no stack answers stays unresolved.
 */
function throughStacks(docs: readonly TfDocument[], doc: TfDocument, raw: unknown): { docs: readonly TfDocument[]; doc: TfDocument; raw: unknown } {
  const m = typeof raw === "string" ? CROSS_STACK.exec(raw) : null;
  const state = m ? dataAt(doc, `data.terraform_remote_state.${m[1]}`) : undefined;
  if (!m || !state || state.type !== "terraform_remote_state") return { docs, doc, raw };
  const { backend, config } = state.body;
  const from = [...docs, ...(SIBLINGS.get(docs) ?? [])].filter(
    (d) =>
      d !== doc &&
      d.backends.length === 1 &&
      d.backends[0].type === backend &&
      isDeepStrictEqual(d.backends[0].body, config) &&
      d.outputs !== undefined &&
      Object.prototype.hasOwnProperty.call(d.outputs, m[2]),
  );
  if (from.length !== 1) return { docs, doc, raw };
  return { docs: docs.includes(from[0]) ? docs : [...docs, from[0]], doc: from[0], raw: from[0].outputs![m[2]] };
}

/** What is wrong with a bucket a value names as a destination (`attribute`, for the message): unresolved, outside the checked stacks, or not compliant. */
function bucketDestinationProblems(
  docs: readonly TfDocument[],
  doc: TfDocument,
  raw: unknown,
  attribute: string,
  profile: SovereigntyProfile,
): string[] {
  ({ docs, doc, raw } = throughStacks(docs, doc, raw));
  const referenced = referencedDestinationProblems(doc, raw, /^google_storage_bucket$/, profile);
  if (referenced) return referenced;
  const value = resolve(doc, raw);
  // A bucket name, or a gs:// URI naming the bucket and a path in it.
  const bucket = typeof value === "string" ? (/^gs:\/\/([^/]+)/.exec(value)?.[1] ?? value) : undefined;
  if (!bucket) return [`${attribute} cannot be resolved (allowed: a bucket of the checked stacks)`];
  return [namedDestinationProblem(holdingsOf(docs).buckets, bucket, "bucket", profile) ?? []].flat();
}

const outside = (what: string) =>
  `${what} is outside the checked landing zone: data leaves the boundary (allowed: a destination declared in the checked stacks, in the region)`;

/** Where a log sink sends logs (`storage.googleapis.com/B`, `bigquery.googleapis.com/projects/P/datasets/D`, `pubsub.../topics/T`, `logging.../locations/L/buckets/B`). */
function sinkProblem(docs: readonly TfDocument[], doc: TfDocument, raw: unknown, profile: SovereigntyProfile): string | undefined {
  const referenced = referencedDestinationProblems(
    doc,
    raw,
    /^google_(storage_bucket|bigquery_dataset|pubsub_topic|logging_[a-z_]+_bucket_config)$/,
    profile,
  );
  if (referenced) return referenced[0];
  const value = resolve(doc, raw);
  if (typeof value !== "string" || value === "")
    return "destination cannot be resolved: where the logs go cannot be verified (allowed: a destination in the checked stacks)";
  const held = holdingsOf(docs);
  let m = /^storage\.googleapis\.com\/([^/]+)/.exec(value);
  if (m) return namedDestinationProblem(held.buckets, m[1], "bucket", profile);
  m = /^bigquery\.googleapis\.com\/projects\/([^/]+)\/datasets\/([^/]+)/.exec(value);
  if (m) return namedDestinationProblem(held.datasets, `${m[1]}/${m[2]}`, "dataset", profile);
  m = /^pubsub\.googleapis\.com\/projects\/([^/]+)\/topics\/([^/]+)/.exec(value);
  if (m) return namedDestinationProblem(held.topics, `${m[1]}/${m[2]}`, "topic", profile);
  m = /^logging\.googleapis\.com\/projects\/[^/]+\/locations\/([^/]+)\/buckets\/[^/]+/.exec(value);
  if (m) return inBoundary(profile, m[1]) ? undefined : `destination log bucket is in ${m[1]} (allowed: ${allowedText(profile)})`;
  return `destination "${value}" is not a destination the rules can verify (allowed: a bucket, dataset, topic or log bucket of the checked stacks)`;
}

/** The region a Cloud Run (`<service>-<project number>.<region>.run.app`) or Cloud Functions (`<region>-<project>.cloudfunctions.net`) host names, if it names one. */
const pushRegion = (host: string): string | undefined =>
  /^[a-z0-9-]+\.([a-z]+-[a-z]+\d+)\.run\.app$/.exec(host)?.[1] ?? /^([a-z]+-[a-z]+\d+)-[a-z0-9-]+\.cloudfunctions\.net$/.exec(host)?.[1];
const PUSH_IN_REGION = (profile: SovereigntyProfile, host: string) => {
  const region = pushRegion(host);
  return region !== undefined && profile.allowedLocations.includes(region);
};

/** What is wrong with an endpoint data is sent to: not a Cloud Run or Cloud Functions service of the checked stacks or URL in the region. */
function endpointProblems(doc: TfDocument, raw: unknown, attribute: string, profile: SovereigntyProfile): string[] {
  const referenced = referencedDestinationProblems(doc, raw, /^google_(cloud_run_v2_service|cloud_run_service|cloudfunctions2?_function)$/, profile);
  if (referenced) return referenced;
  const endpoint = resolve(doc, raw);
  const host = urlHost(endpoint);
  return host && PUSH_IN_REGION(profile, host)
    ? []
    : [
        `${attribute} ${typeof endpoint === "string" ? `"${endpoint}"` : "(unresolved)"} sends data outside the boundary (allowed: a Cloud Run or Cloud Functions endpoint in ${profile.region})`,
      ];
}

/** What is wrong with a resource a value names by id as a destination: unresolved, outside the checked stacks, or not compliant. */
function resourceDestinationProblems(
  docs: readonly TfDocument[],
  doc: TfDocument,
  raw: unknown,
  attribute: string,
  targets: Readonly<Record<string, string>>,
  profile: SovereigntyProfile,
): string[] {
  const types = Object.keys(targets);
  ({ docs, doc, raw } = throughStacks(docs, doc, raw));
  const referenced = referencedDestinationProblems(doc, raw, new RegExp(`^(${types.join("|")})$`), profile);
  if (referenced) return referenced;
  const value = resolve(doc, raw);
  if (typeof value !== "string") return [`${attribute} cannot be resolved (allowed: a ${types.join(" or ")} of the checked stacks)`];
  const name = value.split("/").pop();
  for (const d of docs)
    for (const r of d.resources)
      if (Object.prototype.hasOwnProperty.call(targets, r.type) && resolve(d, r.body[targets[r.type]]) === name)
        return [heldDestinationProblem(d, r, profile) ?? []].flat();
  return [outside(`${attribute} "${value}"`)];
}

/**
 * Where a dataset or topic id names its project and name: `projects/P/datasets/D`, `bq://P.D[.T]`,
 * `//bigquery.googleapis.com/projects/P/datasets/D[/tables/T]` (a full resource name), `P:D`, `projects/P/topics/T`.
 */
const NAMED_ID: Record<"dataset" | "topic", RegExp[]> = {
  dataset: [
    /^projects\/([^/]+)\/datasets\/([^/]+)$/,
    /^bq:\/\/([^.]+)\.([^.]+)(\.[^.]+)?$/,
    /^\/\/bigquery\.googleapis\.com\/projects\/([^/]+)\/datasets\/([^/]+)(\/tables\/[^/]+)?$/,
    // `P:D`, where P may carry a universe prefix (`s3ns:p:d`).
    /^([^/]+):([^:/.]+)$/,
  ],
  topic: [/^projects\/([^/]+)\/topics\/([^/]+)$/],
};

/** What is wrong with a dataset or topic a value names by id: unresolved, not an id naming one, outside the checked stacks, or not compliant. */
function namedIdProblems(
  docs: readonly TfDocument[],
  doc: TfDocument,
  raw: unknown,
  attribute: string,
  kind: "dataset" | "topic",
  profile: SovereigntyProfile,
): string[] {
  ({ docs, doc, raw } = throughStacks(docs, doc, raw));
  const referenced = referencedDestinationProblems(
    doc,
    raw,
    kind === "dataset" ? /^google_bigquery_(dataset|table)$/ : /^google_pubsub_topic$/,
    profile,
  );
  if (referenced) return referenced;
  const value = resolve(doc, raw);
  const m = typeof value === "string" ? NAMED_ID[kind].map((re) => re.exec(value)).find(Boolean) : undefined;
  if (!m)
    return [
      `${attribute} ${typeof value === "string" ? `"${value}"` : "cannot be resolved: it"} names no ${kind} the rules can verify (allowed: a ${kind} of the checked stacks)`,
    ];
  const held = kind === "dataset" ? holdingsOf(docs).datasets : holdingsOf(docs).topics;
  return [namedDestinationProblem(held, `${m[1]}/${m[2]}`, kind, profile) ?? []].flat();
}

/** The problems of the destinations the catalog lists for a resource type (backups, snapshots, replicas, outputs, remote calls). */
function listedDestinationProblems(docs: readonly TfDocument[], doc: TfDocument, r: TfResource, profile: SovereigntyProfile): string[] {
  const listed = Object.prototype.hasOwnProperty.call(DATA_DESTINATIONS, r.type) ? DATA_DESTINATIONS[r.type] : [];
  return listed.flatMap((d: DataDestination) => {
    const values = valuesAt(r.body, d.path);
    if (!values.length) return absentProblems(r, d);
    return values.flatMap((raw) =>
      // A location that is set is one of the type's locations, judged by SOV-LOC-001.
      d.kind === "location"
        ? []
        : d.kind === "bucket"
          ? bucketDestinationProblems(docs, doc, raw, d.path, profile)
          : d.kind === "endpoint"
            ? endpointProblems(doc, raw, d.path, profile)
            : d.kind === "dataset" || d.kind === "topic"
              ? namedIdProblems(docs, doc, raw, d.path, d.kind, profile)
              : resourceDestinationProblems(docs, doc, raw, d.path, d.targets ?? {}, profile),
    );
  });
}

/** A destination left unset where the service then chooses its own, outside the boundary. */
function absentProblems(r: TfResource, d: DataDestination): string[] {
  const a = d.ifAbsent;
  const on = (v: unknown) => v !== false && v !== "false";
  if (!a || (a.within !== undefined && !valuesAt(r.body, a.within).some(on)) || (a.unless !== undefined && valuesAt(r.body, a.unless).length))
    return [];
  return [
    `${d.path} is not set: ${a.default} (allowed: ${d.kind === "location" ? "a location inside the boundary" : `a ${d.kind} of the checked stacks`})`,
  ];
}

/**
 * SOV-DATA-001: log sinks, bucket usage logs, storage transfers, Pub/Sub export subscriptions and the copies the catalog
 * lists (backups, snapshots, replicas, execution outputs, remote function calls, the parents that keep a child's data)
 * keep data inside the landing zone and the region.
 */
export const dataLeavingRule: Rule<"SOV-DATA-001"> = {
  id: "SOV-DATA-001",
  severity: "error",
  title:
    "Log sinks, bucket usage logs, storage transfer jobs, Pub/Sub export or push subscriptions, backups, snapshots, replicas and remote calls send data only inside the landing zone and the region",
  why: "An export or a copy to a bucket, dataset, topic, vault, pool or endpoint outside the checked stacks moves data out of the boundary, whatever the source's location and key",
  fix: "Send the data to a bucket, dataset, topic, log bucket, vault or pool declared in the landing zone (in the region, under an operator key), or an endpoint in the region, or waive it with a reason",
  scope: "stack",
  check: (docs, { profile, siblings }) => {
    if (siblings?.length) SIBLINGS.set(docs, siblings);
    return eachResource(docs, (r, doc) => [...listedDestinationProblems(docs, doc, r, profile), ...exportProblems(docs, doc, r, profile)]);
  },
};

/**
 * Log sinks, bucket usage logs, storage transfers, BigQuery extract jobs and Pub/Sub export and push subscriptions;
 * each destination read by its path (every block, and unknown inside a plan's block known only after apply).
 */
function exportProblems(docs: readonly TfDocument[], doc: TfDocument, r: TfResource, profile: SovereigntyProfile): string[] {
  const b = r.body;
  const at = (path: string) => valuesAt(b, path);
  const buckets = (path: string) =>
    at(path).flatMap((raw) => bucketDestinationProblems(docs, doc, raw, path.split(".").slice(-2).join("."), profile));
  if (/^google_logging_(project|folder|organization|billing_account)_sink$/.test(r.type)) {
    const p = sinkProblem(docs, doc, b.destination, profile);
    return p ? [p] : [];
  }
  // Usage and storage logs (who read which object, from where) are written into the log bucket.
  if (r.type === "google_storage_bucket") return buckets("logging.log_bucket");
  if (r.type === "google_storage_transfer_job") {
    return ["transfer_spec", "replication_spec"].flatMap((spec) => [
      ...buckets(`${spec}.gcs_data_sink.bucket_name`),
      ...(at(`${spec}.posix_data_sink`).length
        ? ["posix_data_sink copies data to an agent's file system outside Google Cloud (allowed: a bucket of the checked stacks)"]
        : []),
    ]);
  }
  if (r.type === "google_bigquery_job") {
    // An extract job writes table data to Cloud Storage URIs.
    return at("extract.destination_uris").flatMap((raw) => {
      const referenced = referencedDestinationProblems(doc, raw, /^google_storage_bucket$/, profile);
      if (referenced) return referenced;
      const uri = resolve(doc, raw);
      const bucket = typeof uri === "string" ? /^gs:\/\/([^/]+)/.exec(uri)?.[1] : undefined;
      if (!bucket) return ["extract.destination_uris cannot be resolved (allowed: gs:// URIs of buckets in the checked stacks)"];
      return [namedDestinationProblem(holdingsOf(docs).buckets, bucket, "bucket", profile) ?? []].flat();
    });
  }
  if (r.type === "google_pubsub_subscription") {
    const tables = at("bigquery_config.table").flatMap((raw) => {
      const referenced = referencedDestinationProblems(doc, raw, /^google_bigquery_(table|dataset)$/, profile);
      if (referenced) return referenced;
      const table = resolve(doc, raw);
      // {project}.{dataset}.{table} or {project}:{dataset}.{table}; the project may carry a universe prefix (s3ns:p).
      const parts = typeof table === "string" ? /^(.+)[.:]([^.:]+)\.[^.:]+$/.exec(table) : undefined;
      if (!parts) return ["bigquery_config.table cannot be resolved (allowed: a table of a dataset in the checked stacks)"];
      return [namedDestinationProblem(holdingsOf(docs).datasets, `${parts[1]}/${parts[2]}`, "dataset", profile) ?? []].flat();
    });
    const endpoints = at("push_config.push_endpoint").flatMap((raw) => endpointProblems(doc, raw, "push_endpoint", profile));
    return [...tables, ...buckets("cloud_storage_config.bucket"), ...endpoints];
  }
  return [];
}
