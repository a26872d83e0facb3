import "server-only";
import { defineApiRoute } from "../../../platform/api/define-api-route.ts";
import {
  bodyOverApi,
  getOverApi,
  issueOverApi,
  listCertificatesQuerySchema,
  listOverApi,
  revokeBodySchema,
  revokeOverApi,
  serialQuerySchema,
  signCertificateBodySchema,
} from "./wire.ts";

// `/api/v1/pki/certificates/…` for machine identities (Universal Auth tokens), like the secrets API.

export const signCertificateRoute = defineApiRoute({
  auth: "identity",
  from: "body",
  schema: signCertificateBodySchema,
  permission: "certificate:issue",
  handle: ({ access, input }) => issueOverApi(access, input, "csr"),
});

export const issueCertificateRoute = defineApiRoute({
  auth: "identity",
  from: "body",
  schema: signCertificateBodySchema,
  permission: "certificate:issue",
  handle: ({ access, input }) => issueOverApi(access, input, "server"),
});

export const listCertificatesRoute = defineApiRoute({
  auth: "identity",
  from: "query",
  schema: listCertificatesQuerySchema,
  permission: "certificate:read",
  handle: ({ access, input }) => listOverApi(access, input),
});

export const getCertificateRoute = defineApiRoute({
  auth: "identity",
  from: "query",
  schema: serialQuerySchema,
  permission: "certificate:read",
  handle: ({ access, params }) => getOverApi(access, params.serialNumber ?? ""),
});

export const certificateBodyRoute = defineApiRoute({
  auth: "identity",
  from: "query",
  schema: serialQuerySchema,
  permission: "certificate:read",
  handle: ({ access, params }) => bodyOverApi(access, params.serialNumber ?? ""),
});

export const revokeCertificateRoute = defineApiRoute({
  auth: "identity",
  from: "body",
  schema: revokeBodySchema,
  permission: "certificate:revoke",
  handle: ({ access, input, params }) => revokeOverApi(access, params.serialNumber ?? "", input),
});
