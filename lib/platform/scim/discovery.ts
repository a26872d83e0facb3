import "server-only";
import { GROUP_SCHEMA, listResponse, scimBase, USER_SCHEMA } from "./resources.ts";

// What a provider reads before provisioning (RFC 7643 §5–7): what this server supports, the
// two resource types, and their attributes. Only what Tessera keeps is described.

export function serviceProviderConfig(orgSlug: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://github.com/tessera/tessera#scim",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Bearer token", description: "A provisioning token made on the organization's settings page", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${scimBase(orgSlug)}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  { id: "User", name: "User", endpoint: "/Users", description: "A person in the organization", schema: USER_SCHEMA },
  { id: "Group", name: "Group", endpoint: "/Groups", description: "A group of people; its roles are given in Tessera", schema: GROUP_SCHEMA },
] as const;

export function resourceTypes(orgSlug: string) {
  const resources = RESOURCE_TYPES.map((type) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    ...type,
    meta: { resourceType: "ResourceType", location: `${scimBase(orgSlug)}/ResourceTypes/${type.id}` },
  }));
  return listResponse(resources, resources.length, 1);
}

const text = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: "string",
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

const SCHEMAS = [
  {
    id: USER_SCHEMA,
    name: "User",
    description: "A person",
    attributes: [
      text("userName", { required: true, uniqueness: "server" }),
      text("externalId", { caseExact: true }),
      { ...text("name"), type: "complex", subAttributes: [text("givenName"), text("familyName"), text("formatted")] },
      text("displayName"),
      { ...text("emails"), type: "complex", multiValued: true, subAttributes: [text("value"), text("type"), { ...text("primary"), type: "boolean" }] },
      { ...text("active"), type: "boolean" },
    ],
  },
  {
    id: GROUP_SCHEMA,
    name: "Group",
    description: "A group of people",
    attributes: [
      text("displayName", { required: true }),
      text("externalId", { caseExact: true }),
      {
        ...text("members"),
        type: "complex",
        multiValued: true,
        subAttributes: [
          text("value", { mutability: "immutable" }),
          text("display", { mutability: "readOnly" }),
          { ...text("$ref"), type: "reference", referenceTypes: ["User"] },
        ],
      },
    ],
  },
];

export function schemas(orgSlug: string) {
  const resources = SCHEMAS.map((schema) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    ...schema,
    meta: { resourceType: "Schema", location: `${scimBase(orgSlug)}/Schemas/${schema.id}` },
  }));
  return listResponse(resources, resources.length, 1);
}
