// File uploads: the GraphQL multipart request spec (https://github.com/jaydenseric/graphql-multipart-request-spec),
// parsed here instead of by yoga's built-in parser so the limits apply while the body streams in: the part that makes
// a file too large, or the file one too many, ends the request at once, and the refusal names the file and field.
// (yoga's parser can only stop with "File size limit exceeded", without saying which file.)
import { File } from 'node:buffer';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import { GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';
import { displayFileName, formatMegabytes } from './file-names.js';

export interface MultipartLimits {
  /** Per file; the part is cut off at this many bytes and the request refused. */
  maxFileBytes: number;
  /** Per request: one message's attachments. */
  maxFiles: number;
  /** For the `operations` and `map` fields (the JSON of the operation). */
  maxFieldBytes: number;
}

const isMultipart = (request: Request) =>
  request.method === 'POST' && /^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '');

/** Replaces yoga's multipart parser (create the yoga instance with `multipart: false`). */
export function useMultipartUploads(limits: MultipartLimits): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (isMultipart(request)) setRequestParser((parsed) => parseMultipartRequest(parsed, limits));
    },
  };
}

// The shape of a malformed request, as yoga reports its own parser's refusals.
const badRequest = (message: string) =>
  new GraphQLError(`Invalid multipart request: ${message}`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/** `variables.input.attachments.2` → `input.attachments`: the argument a client recognises. */
function fieldOfPath(path: string | undefined) {
  const segments = (path ?? '').split('.').filter((segment) => !/^\d+$/.test(segment));
  if (segments[0] === 'variables') segments.shift();
  return segments.join('.') || 'variables';
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let current: Record<string, unknown> = target;
  for (const [index, key] of keys.entries()) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw badRequest(`invalid map path "${path}".`);
    if (index === keys.length - 1) {
      current[key] = value;
    } else {
      const next = current[key];
      if (typeof next !== 'object' || next === null) throw badRequest(`the map path "${path}" does not exist in operations.`);
      current = next as Record<string, unknown>;
    }
  }
}

function parseJsonField(name: string, value: string) {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`the "${name}" field is not valid JSON.`);
  }
}

async function parseMultipartRequest(request: Request, limits: MultipartLimits): Promise<GraphQLParams> {
  if (!request.body) throw badRequest('the request has no body.');
  let operations: Record<string, unknown> | undefined;
  let map: Record<string, string[]> | undefined;
  const files = new Map<string, File>();

  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fieldSize: limits.maxFieldBytes,
        fields: 2,
        parts: limits.maxFiles + 2,
      },
    });
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  // Destroying the parser fails the pipeline below with this error and stops reading the body.
  const fail = (error: Error) => parser.destroy(error);
  const firstField = () => fieldOfPath(Object.values(map ?? {})[0]?.[0]);

  parser.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
    try {
      if (valueTruncated) throw badRequest(`the "${name}" field is larger than ${limits.maxFieldBytes} bytes.`);
      if (name === 'operations') {
        const parsed = parseJsonField(name, value);
        if (typeof parsed !== 'object' || parsed === null) throw badRequest('"operations" must be a JSON object.');
        operations = parsed as Record<string, unknown>;
      } else if (name === 'map') {
        const parsed = parseJsonField(name, value);
        const valid =
          typeof parsed === 'object' &&
          parsed !== null &&
          !Array.isArray(parsed) &&
          Object.values(parsed).every((paths) => Array.isArray(paths) && paths.every((path) => typeof path === 'string'));
        if (!valid) throw badRequest('"map" must map each file to a list of paths.');
        map = parsed as Record<string, string[]>;
      }
    } catch (error) {
      fail(error as Error);
    }
  });

  parser.on('file', (name: string, stream: BusboyFileStream, fileName: string | undefined, _encoding: string, mimeType: string) => {
    // The spec sends operations and map first, so a file can be judged (and refused) while it arrives.
    if (!operations || !map) return fail(badRequest('"operations" and "map" must come before the files.'));
    const paths = map[name];
    if (!paths) {
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => {
      fail(
        badInput(
          fieldOfPath(paths[0]),
          `"${displayFileName(fileName)}" is larger than ${formatMegabytes(limits.maxFileBytes)}, the limit for one attachment.`,
        ),
      );
    });
    stream.on('end', () => {
      if (!stream.truncated) files.set(name, new File(chunks, fileName ?? '', { type: mimeType }));
    });
  });
  parser.on('filesLimit', () => fail(badInput(firstField(), `At most ${limits.maxFiles} attachments per message.`)));
  parser.on('fieldsLimit', () => fail(badRequest('only the "operations" and "map" fields are expected.')));
  parser.on('partsLimit', () => fail(badInput(firstField(), `At most ${limits.maxFiles} attachments per message.`)));

  // yoga's body-size limit and a client that goes away both surface here, as the stream's error.
  await pipeline(Readable.from(request.body as unknown as AsyncIterable<Uint8Array>), parser);

  if (!operations) throw badRequest('the "operations" field is missing.');
  for (const [name, paths] of Object.entries(map ?? {})) {
    const file = files.get(name);
    if (!file) throw badRequest(`the file "${name}" named in "map" is missing.`);
    for (const path of paths) setPath(operations, path, file);
  }
  return operations as GraphQLParams;
}
