import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // The Hono server mounts the adapter's handler (build/handler.js) on its own port.
    adapter: adapter({ out: 'build' }),
    typescript: {
      config(tsconfig) {
        tsconfig.include.push('../server/**/*.ts', '../migrations/**/*.ts', '../tests/**/*.ts', '../bin/**/*.js');
        return tsconfig;
      },
    },
  },
};

export default config;
