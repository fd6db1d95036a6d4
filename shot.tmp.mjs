import { chromium } from '@playwright/test';
const [,, url, out, w='1440', h='900', wait='1500'] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: +w, height: +h } });
await p.goto(url); await p.waitForTimeout(+wait);
await p.screenshot({ path: out });
await b.close();
