import type { CodegenConfig } from '@graphql-codegen/cli';

// The documents the dashboard sends are typed from the server's schema file and shipped as
// trusted documents: `persisted-documents.json` maps each document's SHA-256 to its text, the
// server trusts the file it is built with, and the browser sends only the hash.
const config: CodegenConfig = {
  schema: '../../schema/history.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Decimal: 'number', JSON: 'unknown', Long: 'number', UUID: 'string' },
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
    },
  },
};

export default config;
