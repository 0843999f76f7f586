import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

// The trusted documents the build generated, written beside the app for the server to trust.
function trustedDocuments(): Plugin {
  return {
    name: 'historygraph-trusted-documents',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'trusted-documents.json', source: readFileSync('src/generated/persisted-documents.json', 'utf8') });
    },
  };
}

// Brotli and gzip copies of every script and style, made once here instead of per request:
// from the files as written, after Vite's last changes to them.
function precompress(): Plugin {
  return {
    name: 'historygraph-precompress',
    apply: 'build',
    enforce: 'post',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = join(options.dir!, name);
        const source = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [preact(), trustedDocuments(), precompress()],
  build: {
    target: 'es2022',
    // Nothing inline: the server's Content-Security-Policy allows scripts from files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: { proxy: { '/graphql': { target: 'http://localhost:5000', ws: true }, '/dashboard/config.json': 'http://localhost:5000' } },
});
