// zod's messages in English. zod/mini loads no locale (every message would read "Invalid input"; classic zod set English
// by itself): the Forge entry (src/index.ts) imports this module first, and jest loads it before each test file.
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());
