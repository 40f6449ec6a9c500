/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment CustomerFields on Customer {\n  id\n  name\n  email\n  phone\n  whatsappNumber\n  facebookId\n  instagramId\n  createdAt\n  updatedAt\n}\n\nquery Customers($first: Int, $after: String, $search: String) {\n  customers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        ...CustomerFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerFields\n  }\n}": typeof types.CustomerFieldsFragmentDoc,
    "query Viewer {\n  viewer {\n    role\n    user {\n      id\n      name\n      email\n    }\n    apiToken {\n      id\n      name\n      scopes\n    }\n    workspace {\n      id\n      name\n      timeZone\n      language\n    }\n  }\n}": typeof types.ViewerDocument,
    "subscription WorkspaceEvents($types: [String!]) {\n  workspaceEvents(types: $types) {\n    id\n    type\n    entityType\n    entityId\n    actor\n    payload\n    occurredAt\n  }\n}": typeof types.WorkspaceEventsDocument,
};
const documents: Documents = {
    "fragment CustomerFields on Customer {\n  id\n  name\n  email\n  phone\n  whatsappNumber\n  facebookId\n  instagramId\n  createdAt\n  updatedAt\n}\n\nquery Customers($first: Int, $after: String, $search: String) {\n  customers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        ...CustomerFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerFields\n  }\n}": types.CustomerFieldsFragmentDoc,
    "query Viewer {\n  viewer {\n    role\n    user {\n      id\n      name\n      email\n    }\n    apiToken {\n      id\n      name\n      scopes\n    }\n    workspace {\n      id\n      name\n      timeZone\n      language\n    }\n  }\n}": types.ViewerDocument,
    "subscription WorkspaceEvents($types: [String!]) {\n  workspaceEvents(types: $types) {\n    id\n    type\n    entityType\n    entityId\n    actor\n    payload\n    occurredAt\n  }\n}": types.WorkspaceEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CustomerFields on Customer {\n  id\n  name\n  email\n  phone\n  whatsappNumber\n  facebookId\n  instagramId\n  createdAt\n  updatedAt\n}\n\nquery Customers($first: Int, $after: String, $search: String) {\n  customers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        ...CustomerFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerFields\n  }\n}"): (typeof documents)["fragment CustomerFields on Customer {\n  id\n  name\n  email\n  phone\n  whatsappNumber\n  facebookId\n  instagramId\n  createdAt\n  updatedAt\n}\n\nquery Customers($first: Int, $after: String, $search: String) {\n  customers(first: $first, after: $after, search: $search) {\n    edges {\n      cursor\n      node {\n        ...CustomerFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation CreateCustomer($input: CreateCustomerInput!) {\n  createCustomer(input: $input) {\n    ...CustomerFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    role\n    user {\n      id\n      name\n      email\n    }\n    apiToken {\n      id\n      name\n      scopes\n    }\n    workspace {\n      id\n      name\n      timeZone\n      language\n    }\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    role\n    user {\n      id\n      name\n      email\n    }\n    apiToken {\n      id\n      name\n      scopes\n    }\n    workspace {\n      id\n      name\n      timeZone\n      language\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WorkspaceEvents($types: [String!]) {\n  workspaceEvents(types: $types) {\n    id\n    type\n    entityType\n    entityId\n    actor\n    payload\n    occurredAt\n  }\n}"): (typeof documents)["subscription WorkspaceEvents($types: [String!]) {\n  workspaceEvents(types: $types) {\n    id\n    type\n    entityType\n    entityId\n    actor\n    payload\n    occurredAt\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;