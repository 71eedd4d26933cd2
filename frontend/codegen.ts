import type { CodegenConfig } from '@graphql-codegen/cli';

// Operation types are generated from the server's schema (../graph/schema) and the
// `graphql(...)` documents of src/. `npm run codegen:check` regenerates into a temporary
// directory (SISO_CODEGEN_OUT) and fails when src/gql/ differs.
const out = process.env.SISO_CODEGEN_OUT ?? './src/gql/';

const config: CodegenConfig = {
  schema: '../graph/schema/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { Date: 'string', DateTime: 'string' },
      },
    },
  },
};

export default config;
