import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // The Hono server mounts the adapter's handler (build/handler.js) on its own port.
    adapter: adapter({ out: 'build' }),
    // SvelteKit adds a nonce or hash for its own inline scripts; everything else must come from us.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'media-src': ['self', 'blob:'],
        'connect-src': ['self'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
    typescript: {
      config(tsconfig) {
        tsconfig.include.push('../server/**/*.ts', '../migrations/**/*.ts', '../tests/**/*.ts', '../scripts/**/*.ts', '../bin/**/*.js');
        return tsconfig;
      },
    },
  },
};

export default config;
