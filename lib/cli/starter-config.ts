/**
 * The commented starter config that `sovereign-lz init` writes: one tenant,
 * every required field, each placeholder marked `CHANGE`. It validates as
 * written, so the first `synth` works before any edit.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** The starter config, with the placeholder EKM certificate of the config at `placeholderSource`. */
export function starterConfig(placeholderSource: string): string {
  const certificate: string = parse(readFileSync(placeholderSource, "utf8")).operator.ekm.serviceResolvers[0].serverCertificates[0];
  const indented = certificate.trimEnd().replace(/^/gm, "            ");
  return TEMPLATE.replace("{{certificate}}", indented);
}

const TEMPLATE = `# Sovereign landing zone: starter config (written by \`sovereign-lz init\`).
# Every field is described in docs/configuration.md. Check your edits with
#   npx sovereign-lz validate <this file>
# then synthesize with
#   npx sovereign-lz synth --config <this file>

# paris: public Google Cloud in europe-west9; s3ns: S3NS trusted cloud in u-france-east1.
profile: paris

organization:
  id: "123456789012" # CHANGE: your organization id, in quotes (YAML reads bare digits as a number)
  billingAccount: 01AB23-45CD67-89EF01 # CHANGE: the billing account of every project
  domain: example.fr # CHANGE: the only domain allowed for members and contacts

landingZone:
  name: sovereign-landing-zone # display name of the root folder
  prefix: slz # prefix of every project id: <prefix>-<tenant>-<environment>

# The local operator holds the keys, in its own project outside the landing zone.
operator:
  projectId: op-key-custody # CHANGE: the operator's key project
  adminGroup: kms-admins@example.fr # CHANGE: the operator's key administrators
  keyProtection: EXTERNAL_VPC # key material stays in the operator's external key manager (EKM)
  ekm:
    serviceResolvers:
      # CHANGE: where your EKM is reachable (Service Directory service in the profile's region, host name, TLS certificate).
      - serviceDirectoryService: projects/op-key-custody/locations/europe-west9/namespaces/ekm/services/ekm
        hostname: ekm.example.fr
        serverCertificates:
          - |
{{certificate}}

# One entry per tenant: a folder, one project per environment, its own keys and network.
tenants:
  - id: team-a # CHANGE: short lower-case id, used in project ids and key rings
    displayName: Team A
    environments:
      - { name: prod, subnet: 10.10.0.0/20 } # subnet ranges may not overlap across the landing zone
    services: [storage, logging] # each service gets an operator-held key and its API; logging is required
    groups:
      admins: team-a-admins@example.fr # CHANGE: a group in organization.domain
`;
