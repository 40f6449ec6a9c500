// The `Upload` scalar of the GraphQL multipart request spec: a file part of the request (see multipart.ts).
import { GraphQLScalarType } from 'graphql';
import { builder } from '../schema/builder.js';
import type { Upload } from './service.js';

const UploadScalar = new GraphQLScalarType<Upload, never>({
  name: 'Upload',
  description:
    'A file sent as a part of a multipart request (GraphQL multipart request spec). Its type is detected from its ' +
    'content; the name and type the client gives are not trusted.',
  // Checked by the service, which knows the argument's name and can say which one is wrong; a value that is not a
  // file (a string in JSON variables, say) is refused there as BAD_USER_INPUT.
  parseValue: (value) => value as Upload,
  parseLiteral: (ast) => ast as unknown as Upload,
  serialize: () => {
    throw new Error('Upload is an input-only scalar.');
  },
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

// The builder's scalar map (builder.ts) does not list Upload, so the name is cast here and the ref is given its
// real input type; adding `Upload: { Input: Upload; Output: never }` to that map would make the casts unnecessary.
export const UploadRef = builder.addScalarType('Upload' as never, UploadScalar) as unknown as PothosSchemaTypes.ScalarRef<
  BuilderTypes,
  never,
  Upload
>;
