#!/usr/bin/env node
// The installed `nabo` command runs the compiled CLI (`npm run build`, run by `npm ci` via prepare).
import '../dist/app/cli.js';
